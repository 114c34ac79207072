using System.Xml.Linq;
using Houqin.Infrastructure.Policies;

namespace Houqin.Tests.Policies;

public sealed class PolicyLabelTests
{
    private static HashSet<string> Keys(string file)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Houqin.slnx")))
        {
            dir = Path.GetDirectoryName(dir)!;
        }
        var doc = XDocument.Load(Path.Combine(dir, "src", "Houqin", "Resources", file));
        return [.. doc.Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];
    }

    [Theory]
    [InlineData("Infrastructure.Policies.PolicyText.resx")]
    [InlineData("Infrastructure.Policies.PolicyText.en-US.resx")]
    public void Every_parameter_the_code_knows_has_a_label_in_both_languages(string file)
    {
        var keys = Keys(file);
        var missing = PolicyCatalog.Defaults()
            .SelectMany(p => new[] { p.LabelKey }.Concat(p.Key.StartsWith(PolicyCatalog.CommitmentPrefix, StringComparison.Ordinal) ? p.LabelArgs.Skip(1) : p.LabelArgs).Select((k, i) => i == 0 ? k : "Arg_" + k))
            .Where(k => !keys.Contains(k))
            .Distinct()
            .ToList();
        Assert.Empty(missing);
    }
}
