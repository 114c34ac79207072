using System.Text.Json;
using Houqin.Infrastructure.Policies;

namespace Houqin.Tests.Policies;

public sealed class PolicyValueTests
{
    private static PolicyParameter P(string key) => PolicyCatalog.Find(key, c => c == "water")!;

    private static string Check(string key, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return PolicyValues.Canonical(P(key), doc.RootElement);
    }

    [Theory]
    [InlineData("P3D", 3, 0)]
    [InlineData("PT30M", 0, 30)]
    [InlineData("PT2H", 0, 120)]
    [InlineData("P1DT2H30M", 1, 150)]
    public void An_iso_duration_of_days_hours_and_minutes_reads(string text, int days, int minutes)
    {
        Assert.True(PolicyDuration.TryParse(text, out var d));
        Assert.Equal(new PolicyDuration(days, minutes), d);
        Assert.Equal(text, d.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("PT30S")]
    [InlineData("30 minutes")]
    [InlineData("P0D")]
    [InlineData("-PT5M")]
    public void Anything_else_is_not_a_policy_duration(string text) => Assert.False(PolicyDuration.TryParse(text, out _));

    [Fact]
    public void A_working_day_in_a_commitment_is_a_standard_day_of_office_hours()
    {
        Assert.Equal(3 * 450, PolicyDuration.Parse("P3D").WorkingMinutes);
        Assert.Equal(TimeSpan.FromDays(7), PolicyDuration.Parse("P7D").Wall);
    }

    [Fact]
    public void Values_are_written_in_one_canonical_form()
    {
        Assert.Equal("1000", Check("procurement.tenderThreshold", "1000.00"));
        Assert.Equal("1234.5", Check("procurement.tenderThreshold", "1234.50"));
        Assert.Equal("\"PT1H30M\"", Check("serviceDesk.handOff.acceptWithin", "\"PT90M\""));
        Assert.Equal("[\"finance.payment\",\"stores.issue\"]", Check("dualControl.operations", "[\"stores.issue\",\"finance.payment\",\"stores.issue\"]"));
    }

    [Theory]
    [InlineData("procurement.tenderThreshold", "\"1000\"")]
    [InlineData("procurement.tenderThreshold", "-1")]
    [InlineData("procurement.tenderThreshold", "10.005")]
    [InlineData("serviceDesk.handOff.acceptWithin", "10")]
    [InlineData("serviceDesk.handOff.acceptWithin", "\"10 minutes\"")]
    [InlineData("serviceDesk.complaint.answerWithin", "\"PT5H\"")]
    [InlineData("serviceDesk.returnVisit.atOrBelowRating", "6")]
    [InlineData("serviceDesk.returnVisit.atOrBelowRating", "2.5")]
    [InlineData("dualControl.operations", "[\"stores.steal\"]")]
    [InlineData("dualControl.operations", "\"finance.payment\"")]
    public void A_value_of_the_wrong_type_or_unit_is_refused_naming_the_parameter(string key, string json)
    {
        var e = Assert.Throws<PolicyValueException>(() => Check(key, json));
        Assert.Equal(key, e.Key);
        Assert.StartsWith(key, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serviceDesk.handOff.acceptwithin")]
    [InlineData("serviceDesk.commitments.gas.normal.resolve")]
    [InlineData("serviceDesk.commitments.water.urgentish.resolve")]
    [InlineData("serviceDesk.commitments.water.normal")]
    [InlineData("procurement.tenderThreshold.extra")]
    public void A_parameter_the_code_does_not_know_is_not_found(string key) => Assert.Null(PolicyCatalog.Find(key, c => c == "water"));

    [Fact]
    public void A_commitment_falls_back_from_the_category_to_its_parent_to_the_default()
    {
        var values = new Dictionary<string, string>
        {
            [PolicyCatalog.CommitmentKey("water", "emergency", "arrive")] = "\"PT20M\"",
            [PolicyCatalog.CommitmentKey("default", "emergency", "arrive")] = "\"PT45M\"",
        };
        var p = new PolicySnapshot(Guid.NewGuid(), 1, DateTime.UnixEpoch, values);
        Assert.Equal(20, p.Commitment("water-leak", "water", "emergency", "arrive").Minutes);
        Assert.Equal(45, p.Commitment("ac-fault", "air-conditioning", "emergency", "arrive").Minutes);
        // Nothing enacted at all: the catalog's default (PRODUCT.md's typical values).
        Assert.Equal(new PolicyDuration(3, 0), PolicySnapshot.Defaults.Commitment("water", null, "normal", "resolve"));
        Assert.False(PolicySnapshot.Defaults.FromProcedure("serviceDesk.autoConfirm.after"));
        Assert.Equal(TimeSpan.FromDays(7), PolicySnapshot.Defaults.Duration("serviceDesk.autoConfirm.after").Wall);
    }

    [Fact]
    public void Every_default_in_the_catalog_fits_its_own_unit() =>
        Assert.All(PolicyCatalog.Defaults(), p => Assert.Equal(p.Default, PolicyValues.Canonical(p, p.Default)));
}
