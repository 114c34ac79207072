using Houqin.Infrastructure.Calendar;
using static Houqin.Tests.Calendar.ShippedCalendar;

namespace Houqin.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = Build();

    [Fact]
    public void Thirty_working_minutes_from_Friday_afternoon_land_on_the_make_up_Sunday()
    {
        var result = Calendar.AddWorkingTime(At(2026, 9, 18, 16, 50), TimeSpan.FromMinutes(30));
        Assert.Equal(At(2026, 9, 20, 8, 20), result.Utc);
        Assert.False(result.Provisional);
    }

    [Fact]
    public void An_hour_from_the_make_up_Saturday_before_Spring_Festival_lands_after_the_holiday()
    {
        var result = Calendar.AddWorkingTime(At(2026, 2, 14, 16, 30), TimeSpan.FromHours(1));
        Assert.Equal(At(2026, 2, 24, 8, 30), result.Utc);
    }

    [Fact]
    public void Working_time_counts_the_make_up_Saturday()
    {
        var between = Calendar.WorkingTimeBetween(At(2026, 2, 13, 16, 0), At(2026, 2, 14, 9, 0));
        Assert.Equal(TimeSpan.FromHours(2), between.Duration);
        Assert.Equal(-TimeSpan.FromHours(2), Calendar.WorkingTimeBetween(At(2026, 2, 14, 9, 0), At(2026, 2, 13, 16, 0)).Duration);
    }

    [Fact]
    public void Summer_hours_resume_at_half_past_two()
    {
        Assert.Equal(At(2026, 6, 1, 15, 30), Calendar.AddWorkingTime(At(2026, 6, 1, 11, 0), TimeSpan.FromHours(2)).Utc);
        Assert.Equal(At(2026, 11, 30, 14, 30), Calendar.AddWorkingTime(At(2026, 11, 30, 11, 0), TimeSpan.FromHours(2)).Utc);
    }

    [Fact]
    public void Lunch_break_and_evening_count_nothing()
    {
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At(2026, 11, 30, 12, 0), At(2026, 11, 30, 13, 30)).Duration);
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At(2026, 11, 30, 17, 0), At(2026, 12, 1, 8, 0)).Duration);
        Assert.Equal(TimeSpan.FromHours(7.5), Calendar.WorkingTimeBetween(At(2026, 11, 30, 0, 0), At(2026, 12, 1, 0, 0)).Duration);
    }

    [Theory]
    [InlineData("2026-01-03", DayKind.Holiday, "元旦")]
    [InlineData("2026-01-04", DayKind.MakeUpWorkday, "元旦")]
    [InlineData("2026-02-14", DayKind.MakeUpWorkday, "春节")]
    [InlineData("2026-02-23", DayKind.Holiday, "春节")]
    [InlineData("2026-02-24", DayKind.Workday, null)]
    [InlineData("2026-06-19", DayKind.Holiday, "端午节")]
    [InlineData("2026-09-26", DayKind.Holiday, "中秋节")]
    [InlineData("2026-10-10", DayKind.MakeUpWorkday, "国庆节")]
    [InlineData("2026-10-11", DayKind.Weekend, null)]
    [InlineData("2025-01-28", DayKind.Holiday, "春节")]
    [InlineData("2025-04-27", DayKind.MakeUpWorkday, "劳动节")]
    [InlineData("2025-10-08", DayKind.Holiday, "国庆节、中秋节")]
    [InlineData("2025-10-09", DayKind.Workday, null)]
    public void Shipped_days_are_PRODUCT_md_s_facts(string date, DayKind kind, string? name)
    {
        var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(kind, Calendar.Kind(d));
        Assert.Equal(name, Calendar.HolidayName(d));
        Assert.Equal(kind is DayKind.Workday or DayKind.MakeUpWorkday, Calendar.IsWorkingDay(d));
    }

    [Fact]
    public void A_year_without_data_falls_back_to_Monday_to_Friday_and_is_provisional()
    {
        var result = Calendar.AddWorkingTime(At(2026, 12, 31, 16, 30), TimeSpan.FromHours(1));
        Assert.Equal(At(2027, 1, 1, 8, 30), result.Utc);
        Assert.True(result.Provisional);
        Assert.Equal(DayKind.Weekend, Calendar.Kind(new DateOnly(2027, 1, 2)));
        Assert.True(Calendar.WorkingTimeBetween(At(2026, 12, 31, 9, 0), At(2027, 1, 4, 9, 0)).Provisional);
        Assert.False(Calendar.WorkingTimeBetween(At(2026, 12, 30, 9, 0), At(2026, 12, 31, 9, 0)).Provisional);
    }

    [Fact]
    public void A_closed_vacation_skips_its_working_days_including_make_up_days()
    {
        var calendar = Build([new Vacation(null, "寒假", new DateOnly(2026, 1, 19), new DateOnly(2026, 2, 28), "")]);
        var result = calendar.AddWorkingTime(At(2026, 1, 16, 16, 30), TimeSpan.FromHours(1));
        Assert.Equal(At(2026, 3, 2, 8, 30), result.Utc);
    }

    [Fact]
    public void A_vacation_with_its_own_hours_uses_them_on_working_days_only()
    {
        var calendar = Build([new Vacation(null, "暑假", new DateOnly(2026, 7, 11), new DateOnly(2026, 8, 30), "09:00-11:00")]);
        Assert.Equal(TimeSpan.FromHours(2), calendar.WorkingTimeBetween(At(2026, 7, 13, 0, 0), At(2026, 7, 14, 0, 0)).Duration);
        Assert.Equal(TimeSpan.FromHours(10), calendar.WorkingTimeBetween(At(2026, 7, 11, 0, 0), At(2026, 7, 19, 0, 0)).Duration);
    }

    [Fact]
    public void A_campus_with_its_own_hours_uses_them_and_others_keep_the_office_default()
    {
        var calendar = Build(extraHours: [new OfficeHours("east", "全年", 101, 1231, "08:30-11:30")]);
        var monday = At(2026, 11, 30, 0, 0);
        var tuesday = At(2026, 12, 1, 0, 0);
        Assert.Equal(TimeSpan.FromHours(3), calendar.WorkingTimeBetween(monday, tuesday, new WorkingPlace("east")).Duration);
        Assert.Equal(TimeSpan.FromHours(7.5), calendar.WorkingTimeBetween(monday, tuesday, new WorkingPlace("west")).Duration);
    }

    [Fact]
    public void A_regional_day_off_applies_only_to_its_region()
    {
        var calendar = Build(extraDays: [new CalendarDay(new DateOnly(2026, 4, 20), CalendarDayKind.DayOff, "三月三", "GX")]);
        var monday = new DateOnly(2026, 4, 20);
        Assert.False(calendar.IsWorkingDay(monday, "GX"));
        Assert.Equal("三月三", calendar.HolidayName(monday, "GX"));
        Assert.True(calendar.IsWorkingDay(monday));
        Assert.Equal(
            At(2026, 4, 21, 8, 30),
            calendar.AddWorkingTime(At(2026, 4, 17, 16, 30), TimeSpan.FromHours(1), new WorkingPlace(Region: "GX")).Utc
        );
        Assert.Equal(At(2026, 4, 20, 8, 30), calendar.AddWorkingTime(At(2026, 4, 17, 16, 30), TimeSpan.FromHours(1)).Utc);
    }

    [Fact]
    public void The_24x7_clock_ignores_the_calendar_and_negative_working_time_is_refused()
    {
        Assert.Equal(At(2026, 2, 16, 2, 0), WorkingCalendar.Add24x7(At(2026, 2, 15, 2, 0), TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingTime(At(2026, 2, 15, 2, 0), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void Zero_working_time_leaves_the_instant_where_it_was()
    {
        var saturdayNight = At(2026, 3, 7, 22, 0);
        Assert.Equal(saturdayNight, Calendar.AddWorkingTime(saturdayNight, TimeSpan.Zero).Utc);
    }
}
