using CsCheck;

namespace Houqin.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData(123450, "¥1,234.50")]
    [InlineData(0, "¥0.00")]
    [InlineData(5, "¥0.05")]
    [InlineData(100000000, "¥1,000,000.00")]
    [InlineData(-123450, "-¥1,234.50")]
    public void Amounts_show_as_yuan_with_two_decimals_and_thousands(long fen, string expected) =>
        Assert.Equal(expected, new Money(fen).ToString());

    [Theory]
    [InlineData(123450, "壹仟贰佰叁拾肆元伍角整")]
    [InlineData(100000, "壹仟元整")]
    [InlineData(100, "壹元整")]
    [InlineData(0, "零元整")]
    [InlineData(5, "伍分")]
    [InlineData(50, "伍角整")]
    [InlineData(100005, "壹仟元零伍分")]
    [InlineData(100500, "壹仟零伍元整")]
    [InlineData(1000000, "壹万元整")]
    [InlineData(10050000, "壹拾万零伍佰元整")]
    [InlineData(1000010000, "壹仟万零壹佰元整")]
    [InlineData(10000000000, "壹亿元整")]
    [InlineData(10000100000, "壹亿零壹仟元整")]
    [InlineData(12345678912, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分")]
    public void Voucher_amounts_read_in_Chinese_uppercase(long fen, string expected) =>
        Assert.Equal(expected, new Money(fen).ToChineseUppercase());

    [Fact]
    public void Yuan_with_more_than_two_decimals_is_refused() =>
        Assert.Throws<ArgumentException>(() => Money.FromYuan(1.005m));

    [Fact]
    public void Yuan_round_trips_through_fen() =>
        Gen.Long[-1_000_000_000_000, 1_000_000_000_000].Sample(fen => Money.FromYuan(new Money(fen).Yuan).Fen == fen);

    [Fact]
    public void Uppercase_never_shows_two_zeros_together() =>
        Gen.Long[0, 1_000_000_000_000].Sample(fen => !new Money(fen).ToChineseUppercase().Contains("零零", StringComparison.Ordinal));
}
