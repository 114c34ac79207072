using System.Globalization;
using System.Text;

namespace Houqin;

/// <summary>
/// An amount of yuan, held as whole fen (1 yuan = 100 fen) so arithmetic is exact.
/// Shown as <c>¥1,234.50</c>; on vouchers also in Chinese uppercase (大写金额).
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentException("Money has at most two decimals.", nameof(yuan));
        }
        return new Money((long)fen);
    }

    public decimal Yuan => Fen / 100m;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));

    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    /// <summary><c>¥1,234.50</c>, the same in every UI culture; negative as <c>-¥1,234.50</c>.</summary>
    public override string ToString()
    {
        var abs = Math.Abs(Yuan);
        var text = "¥" + abs.ToString("#,##0.00", CultureInfo.InvariantCulture);
        return Fen < 0 ? "-" + text : text;
    }

    private static readonly string[] Digits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    private static readonly string[] SmallUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] BigUnits = ["", "万", "亿", "万亿"];

    /// <summary>The amount in Chinese uppercase as vouchers print it, e.g. 壹仟贰佰叁拾肆元伍角整.</summary>
    public string ToChineseUppercase()
    {
        if (Fen < 0)
        {
            return "负" + new Money(-Fen).ToChineseUppercase();
        }
        var yuan = Fen / 100;
        var jiao = (int)(Fen / 10 % 10);
        var fen = (int)(Fen % 10);
        var sb = new StringBuilder();
        if (yuan > 0)
        {
            sb.Append(IntegerToChinese(yuan)).Append('元');
        }
        if (jiao == 0 && fen == 0)
        {
            if (yuan == 0)
            {
                sb.Append("零元");
            }
            sb.Append('整');
            return sb.ToString();
        }
        if (jiao > 0)
        {
            sb.Append(Digits[jiao]).Append('角');
        }
        else if (yuan > 0)
        {
            sb.Append('零');
        }
        if (fen > 0)
        {
            sb.Append(Digits[fen]).Append('分');
        }
        else
        {
            sb.Append('整');
        }
        return sb.ToString();
    }

    private static string IntegerToChinese(long value)
    {
        // Split into groups of four digits (个, 万, 亿 ...), writing 零 once for each run of zeros.
        var groups = new List<int>();
        while (value > 0)
        {
            groups.Add((int)(value % 10000));
            value /= 10000;
        }
        var sb = new StringBuilder();
        var pendingZero = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                pendingZero = sb.Length > 0;
                continue;
            }
            if (sb.Length > 0 && (pendingZero || group < 1000))
            {
                sb.Append('零');
            }
            pendingZero = false;
            var zero = false;
            var wrote = false;
            for (var d = 3; d >= 0; d--)
            {
                var digit = group / (int)Math.Pow(10, d) % 10;
                if (digit == 0)
                {
                    zero = wrote;
                    continue;
                }
                wrote = true;
                if (zero)
                {
                    sb.Append('零');
                    zero = false;
                }
                sb.Append(Digits[digit]).Append(SmallUnits[d]);
            }
            sb.Append(BigUnits[g]);
        }
        return sb.ToString();
    }
}
