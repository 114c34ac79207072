using CsCheck;
using Houqin.Infrastructure.Calendar;
using static Houqin.Tests.Calendar.ShippedCalendar;

namespace Houqin.Tests.Calendar;

/// <summary>
/// Business-time arithmetic against its laws and against an independent minute-by-minute model written from
/// PRODUCT.md's facts (not from the shipped JSON), over 2025–2026 and the 2026 Spring Festival in particular.
/// </summary>
public class BusinessTimeProperties
{
    private static readonly WorkingCalendar Calendar = Build();
    private static readonly DateTime RangeStart = At(2025, 1, 1, 0, 0);
    private const long SecondsInRange = 2L * 366 * 24 * 3600;

    /// <summary>Any instant of 2025–2026, to the second.</summary>
    private static readonly Gen<DateTime> Instant = Gen.Long[0, SecondsInRange].Select(s => RangeStart.AddSeconds(s));

    /// <summary>Up to about a month of office time, to the second.</summary>
    private static readonly Gen<TimeSpan> Amount = Gen.Long[0, 160L * 3600].Select(s => TimeSpan.FromSeconds(s));

    /// <summary>Instants from a week before the 2026 Spring Festival to a week after, to the minute.</summary>
    private static readonly Gen<DateTime> AroundSpringFestival = Gen.Int[0, 21 * 24 * 60].Select(m => At(2026, 2, 8, 0, 0).AddMinutes(m));

    [Fact]
    public void Adding_then_measuring_gives_back_the_amount()
    {
        Gen.Select(Instant, Amount)
            .Sample(
                (t, d) =>
                {
                    var end = Calendar.AddWorkingTime(t, d).Utc;
                    Assert.Equal(d, Calendar.WorkingTimeBetween(t, end).Duration);
                },
                iter: 2000
            );
    }

    [Fact]
    public void Adding_more_never_lands_earlier_and_starting_later_never_lands_earlier()
    {
        Gen.Select(Instant, Amount, Amount)
            .Sample(
                (t, a, b) =>
                {
                    var (small, large) = a <= b ? (a, b) : (b, a);
                    Assert.True(Calendar.AddWorkingTime(t, small).Utc <= Calendar.AddWorkingTime(t, large).Utc);
                    var later = t + (large - small);
                    Assert.True(Calendar.AddWorkingTime(t, small).Utc <= Calendar.AddWorkingTime(later, small).Utc);
                },
                iter: 1000
            );
    }

    [Fact]
    public void Adding_a_plus_b_is_adding_a_then_b()
    {
        Gen.Select(Instant, Amount, Amount)
            .Sample(
                (t, a, b) =>
                    Assert.Equal(
                        Calendar.AddWorkingTime(t, a + b).Utc,
                        Calendar.AddWorkingTime(Calendar.AddWorkingTime(t, a).Utc, b).Utc
                    ),
                iter: 1000
            );
    }

    [Fact]
    public void A_positive_amount_lands_inside_office_hours_or_exactly_at_their_end()
    {
        Gen.Select(Instant, Amount.Where(d => d > TimeSpan.Zero))
            .Sample(
                (t, d) =>
                {
                    var end = Calendar.AddWorkingTime(t, d).Utc;
                    Assert.True(end > t);
                    var local = WorkingCalendar.ToLocal(end);
                    var date = DateOnly.FromDateTime(local.DateTime);
                    var time = TimeOnly.FromDateTime(local.DateTime);
                    Assert.Contains(Calendar.OfficePeriods(date), p => p.Start < time && time <= p.End);
                },
                iter: 2000
            );
    }

    [Fact]
    public void Around_Spring_Festival_work_lands_only_on_working_days_and_the_make_up_Saturdays()
    {
        Gen.Select(AroundSpringFestival, Gen.Int[1, 3 * 450])
            .Sample(
                (t, minutes) =>
                {
                    var end = Calendar.AddWorkingTime(t, TimeSpan.FromMinutes(minutes)).Utc;
                    var date = DateOnly.FromDateTime(WorkingCalendar.ToLocal(end).DateTime);
                    Assert.False(date >= new DateOnly(2026, 2, 15) && date <= new DateOnly(2026, 2, 23), $"{date} is in the Spring Festival");
                    if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                    {
                        Assert.Contains(date, new[] { new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28) });
                    }
                },
                iter: 1000
            );
    }

    [Fact]
    public void Matches_a_minute_by_minute_model_of_the_published_facts()
    {
        var minutesInRange = (int)(SecondsInRange / 60);
        Gen.Select(Gen.Int[0, minutesInRange], Gen.Int[1, 4000])
            .Sample(
                (offset, minutes) =>
                {
                    var t = RangeStart.AddMinutes(offset);
                    Assert.Equal(Model.Add(t, minutes), Calendar.AddWorkingTime(t, TimeSpan.FromMinutes(minutes)).Utc);
                },
                iter: 300
            );
    }

    /// <summary>PRODUCT.md's calendar facts, typed in by hand, and the office's default hours.</summary>
    private static class Model
    {
        private static readonly HashSet<DateOnly> DaysOff =
        [
            .. Range(2025, 1, 1, 1, 1),
            .. Range(2025, 1, 28, 2, 4),
            .. Range(2025, 4, 4, 4, 6),
            .. Range(2025, 5, 1, 5, 5),
            .. Range(2025, 5, 31, 6, 2),
            .. Range(2025, 10, 1, 10, 8),
            .. Range(2026, 1, 1, 1, 3),
            .. Range(2026, 2, 15, 2, 23),
            .. Range(2026, 4, 4, 4, 6),
            .. Range(2026, 5, 1, 5, 5),
            .. Range(2026, 6, 19, 6, 21),
            .. Range(2026, 9, 25, 9, 27),
            .. Range(2026, 10, 1, 10, 7),
        ];

        private static readonly HashSet<DateOnly> MakeUpDays =
        [
            new(2025, 1, 26),
            new(2025, 2, 8),
            new(2025, 4, 27),
            new(2025, 9, 28),
            new(2025, 10, 11),
            new(2026, 1, 4),
            new(2026, 2, 14),
            new(2026, 2, 28),
            new(2026, 5, 9),
            new(2026, 9, 20),
            new(2026, 10, 10),
        ];

        private static IEnumerable<DateOnly> Range(int year, int m1, int d1, int m2, int d2)
        {
            for (var d = new DateOnly(year, m1, d1); d <= new DateOnly(year, m2, d2); d = d.AddDays(1))
            {
                yield return d;
            }
        }

        private static bool Open(DateTime localMinute)
        {
            var date = DateOnly.FromDateTime(localMinute);
            var working = MakeUpDays.Contains(date) || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !DaysOff.Contains(date));
            if (!working)
            {
                return false;
            }
            var minute = localMinute.Hour * 60 + localMinute.Minute;
            var summer = localMinute.Month is >= 5 and <= 8;
            return minute is >= 8 * 60 and < 12 * 60 || (summer ? minute is >= 14 * 60 + 30 and < 17 * 60 + 30 : minute is >= 13 * 60 + 30 and < 17 * 60);
        }

        /// <summary>The end of the <paramref name="minutes"/>-th open minute at or after <paramref name="utc"/>.</summary>
        public static DateTime Add(DateTime utc, int minutes)
        {
            var local = utc + Beijing;
            while (true)
            {
                if (Open(local) && --minutes == 0)
                {
                    return local.AddMinutes(1) - Beijing;
                }
                local = local.AddMinutes(1);
            }
        }
    }
}
