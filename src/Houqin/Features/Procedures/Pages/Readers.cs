using Houqin.Features.Organisation;

namespace Houqin.Features.Procedures.Pages;

/// <summary>A commenter as the pages show them: by what they are on campus, never by name (not even to the office).</summary>
public static class Commenters
{
    public static string Word(PersonKind kind) =>
        kind switch
        {
            PersonKind.Student => "Commenter_Student",
            PersonKind.Teacher => "Commenter_Teacher",
            PersonKind.Staff => "Commenter_Staff",
            _ => "Commenter_Other",
        };
}
