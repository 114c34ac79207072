using System.Xml.Linq;
using Houqin.Features.ServiceDesk;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Houqin.Tests.Notifications;

/// <summary>
/// Every notice kind the code can put in the outbox has its sentence in both languages, so nobody is ever told
/// "新通知（complaint.answer_overdue）". The kinds are read from the source: every call of <c>Outbox.Notify</c>, and
/// of each method that hands one of its own parameters on to it as the kind (<c>RequestNotices.Tell</c>,
/// <c>FeedbackNotices.TellAboutComplaint</c>, a feature's private step runner…), followed back to a string literal
/// or a constant. A kind the scan cannot follow fails the test too: write kinds as literals or constants.
/// </summary>
public sealed class NoticeKindTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Houqin.slnx")))
        {
            dir = Path.GetDirectoryName(dir)!;
        }
        return dir;
    }

    private static HashSet<string> Keys(string file) =>
        [.. XDocument.Load(Path.Combine(Root, "src", "Houqin", "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    /// <summary>A method that emits a notice of the kind given as its argument number <see cref="Index"/>.</summary>
    private sealed record Emitter(string Type, string Method, int Index, bool Private);

    private sealed record Scan(Dictionary<string, HashSet<string>> KindsBy, List<string> Unresolved)
    {
        public IEnumerable<string> Kinds => KindsBy.Keys;
    }

    private static readonly Lazy<Scan> Scanned = new(ScanSource);

    private static Scan ScanSource()
    {
        var src = Path.Combine(Root, "src", "Houqin");
        var trees = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f))
            .ToList();
        var roots = trees.Select(t => t.GetRoot()).ToList();
        var constants = roots.SelectMany(r => r.DescendantNodes().OfType<FieldDeclarationSyntax>())
            .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
            .SelectMany(f => f.Declaration.Variables.Select(v => (Type: TypeOf(f)!, Name: v.Identifier.Text, Value: v.Initializer?.Value)))
            .Where(c => c.Value is LiteralExpressionSyntax l && l.IsKind(SyntaxKind.StringLiteralExpression))
            .Select(c => (c.Type, c.Name, Value: ((LiteralExpressionSyntax)c.Value!).Token.ValueText))
            .ToList();
        var invocations = roots.SelectMany(r => r.DescendantNodes().OfType<InvocationExpressionSyntax>()).ToList();

        var kinds = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var unresolved = new List<string>();
        var seen = new HashSet<Emitter>();
        var work = new Queue<Emitter>([new Emitter("Outbox", "Notify", 1, false)]);
        while (work.TryDequeue(out var emitter))
        {
            if (!seen.Add(emitter))
            {
                continue;
            }
            foreach (var call in invocations.Where(i => Calls(i, emitter)))
            {
                if (call.ArgumentList.Arguments.Count <= emitter.Index)
                {
                    continue;
                }
                Resolve(call.ArgumentList.Arguments[emitter.Index].Expression, emitter);
            }
        }
        return new Scan(kinds, unresolved);

        void Resolve(ExpressionSyntax e, Emitter through)
        {
            switch (e)
            {
                case LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression):
                    Add(l.Token.ValueText, through);
                    return;
                case ConditionalExpressionSyntax c:
                    Resolve(c.WhenTrue, through);
                    Resolve(c.WhenFalse, through);
                    return;
                case ParenthesizedExpressionSyntax p:
                    Resolve(p.Expression, through);
                    return;
                case IdentifierNameSyntax id when ParameterOf(id) is { } passedOn:
                    work.Enqueue(passedOn);
                    return;
                case IdentifierNameSyntax id when Constant(TypeOf(id), id.Identifier.Text) is { } value:
                    Add(value, through);
                    return;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax type } m when Constant(type.Identifier.Text, m.Name.Identifier.Text) is { } value:
                    Add(value, through);
                    return;
                default:
                    var at = e.GetLocation().GetLineSpan();
                    unresolved.Add($"{Path.GetRelativePath(Root, at.Path)}:{at.StartLinePosition.Line + 1}: {e}");
                    return;
            }
        }

        void Add(string kind, Emitter through)
        {
            if (!kinds.TryGetValue(kind, out var by))
            {
                kinds[kind] = by = [];
            }
            by.Add(through.Type);
        }

        // The constant of that name in the type, else the only one of that name anywhere.
        string? Constant(string? type, string name)
        {
            var named = constants.Where(c => c.Name == name).ToList();
            var own = named.Where(c => c.Type == type).ToList();
            return own.Count == 1 ? own[0].Value : named.Count == 1 ? named[0].Value : named.Select(c => c.Value).Distinct().Count() == 1 ? named[0].Value : null;
        }
    }

    /// <summary>The kind is a parameter of the method it is in: that method is an emitter too, at that position.</summary>
    private static Emitter? ParameterOf(IdentifierNameSyntax id)
    {
        foreach (var node in id.Ancestors())
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax:
                    return null;
                case LocalFunctionStatementSyntax f when Index(f.ParameterList, id) is { } i:
                    return new Emitter(TypeOf(f)!, f.Identifier.Text, i, true);
                case MethodDeclarationSyntax m:
                    return Index(m.ParameterList, id) is { } j
                        ? new Emitter(TypeOf(m)!, m.Identifier.Text, j, !m.Modifiers.Any(t => t.IsKind(SyntaxKind.PublicKeyword) || t.IsKind(SyntaxKind.InternalKeyword)))
                        : null;
                default:
                    continue;
            }
        }
        return null;

        static int? Index(ParameterListSyntax list, IdentifierNameSyntax id)
        {
            var i = list.Parameters.IndexOf(p => p.Identifier.Text == id.Identifier.Text);
            return i < 0 ? null : i;
        }
    }

    /// <summary>
    /// Whether the invocation calls the emitter: its method's name, on the emitter's type (a private method: from within
    /// it). The receiver's type is read from the field or parameter it names; one that cannot be read counts as a match,
    /// so a kind is never missed, only at worst asked of a method of the same name.
    /// </summary>
    private static bool Calls(InvocationExpressionSyntax call, Emitter emitter)
    {
        var (receiver, name) = call.Expression switch
        {
            IdentifierNameSyntax i => (TypeOf(call), i.Identifier.Text),
            GenericNameSyntax g => (TypeOf(call), g.Identifier.Text),
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } m => (TypeOf(call), m.Name.Identifier.Text),
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax r } m => (DeclaredType(r), m.Name.Identifier.Text),
            MemberAccessExpressionSyntax m => (null, m.Name.Identifier.Text),
            _ => (null, ""),
        };
        if (name != emitter.Method)
        {
            return false;
        }
        return emitter.Private ? TypeOf(call) == emitter.Type : receiver is null || receiver == emitter.Type;
    }

    /// <summary>The type of a field, primary-constructor parameter or method parameter of that name, as written (last identifier).</summary>
    private static string? DeclaredType(IdentifierNameSyntax name)
    {
        var text = name.Identifier.Text;
        foreach (var node in name.Ancestors())
        {
            var type = node switch
            {
                BaseMethodDeclarationSyntax m => m.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.Text == text)?.Type,
                LocalFunctionStatementSyntax f => f.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.Text == text)?.Type,
                TypeDeclarationSyntax t => t.ParameterList?.Parameters.FirstOrDefault(p => p.Identifier.Text == text)?.Type
                    ?? t.Members.OfType<FieldDeclarationSyntax>().FirstOrDefault(f => f.Declaration.Variables.Any(v => v.Identifier.Text == text))?.Declaration.Type,
                _ => null,
            };
            if (type is not null)
            {
                return type switch
                {
                    QualifiedNameSyntax q => q.Right.Identifier.Text,
                    SimpleNameSyntax s => s.Identifier.Text,
                    _ => null,
                };
            }
        }
        return null;
    }

    private static string? TypeOf(SyntaxNode node) => node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text;

    [Fact]
    public void Every_kind_is_followed_back_to_a_literal_or_a_constant()
    {
        var scan = Scanned.Value;
        Assert.Empty(scan.Unresolved);
        // The scan sees the notices of every module (a broken scan would find none and pass the tests below).
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "service_request.handed_off",
                RequestNotices.Progress,
                "complaint.answer_overdue",
                "return_visit.due",
                "accountability_case.appeal_ruled",
                "procedure.sent_back",
                RequestNotices.AutoConfirmedForYou,
            },
            scan.Kinds.ToHashSet(StringComparer.Ordinal)
        );
    }

    [Theory]
    [InlineData("Features.Notifications.NotificationText.resx")]
    [InlineData("Features.Notifications.NotificationText.en-US.resx")]
    public void Every_notice_kind_the_code_emits_has_its_sentence(string file)
    {
        var keys = Keys(file);
        Assert.Empty(Scanned.Value.Kinds.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal));
    }

    /// <summary>A step told through <see cref="RequestNotices"/> is also told to the request's watchers, in the step's words.</summary>
    [Theory]
    [InlineData("Features.Notifications.NotificationText.resx")]
    [InlineData("Features.Notifications.NotificationText.en-US.resx")]
    public void Every_step_told_to_the_requests_watchers_has_its_words(string file)
    {
        var keys = Keys(file);
        var steps = Scanned.Value.KindsBy.Where(k => k.Value.Contains(nameof(RequestNotices)) && k.Key != RequestNotices.Progress && RequestNotices.TellsWatchers(k.Key));
        Assert.Empty(steps.Select(k => "Step_" + k.Key).Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal));
    }
}
