using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.Shared;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Duty;

/// <summary>Absences with their delegates: current and coming ones, and a form to record one (Beijing time).</summary>
public sealed class AbsencesModel(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<OrganisationText> text) : AdminPageModel(text)
{
    public sealed class InputModel
    {
        public string? UserName { get; set; }

        public string? Delegate { get; set; }

        public DateTime? From { get; set; }

        public DateTime? To { get; set; }

        public string? Reason { get; set; }
    }

    public sealed record Row(string Person, string Delegate, DateTime From, DateTime To, string Reason);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Row> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Items = await (
            from a in db.Set<Absence>()
            join u in db.Users on a.UserId equals u.Id
            join d in db.Users on a.DelegateId equals d.Id
            where a.To > now
            orderby a.From
            select new Row(u.DisplayName + " (" + u.UserName + ")", d.DisplayName + " (" + d.UserName + ")", a.From, a.To, a.Reason)
        ).Take(200).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await UserLookup.FindAsync(db, Input.UserName, ct);
        var deputy = await UserLookup.FindAsync(db, Input.Delegate, ct);
        if (user is null)
        {
            ModelState.AddModelError("Input.UserName", Text["UnknownUser", Input.UserName ?? ""]);
        }
        if (deputy is null)
        {
            ModelState.AddModelError("Input.Delegate", Text["UnknownUser", Input.Delegate ?? ""]);
        }
        else if (deputy == user)
        {
            ModelState.AddModelError("Input.Delegate", Text["OwnDelegate"]);
        }
        if (Input.From is null)
        {
            ModelState.AddModelError("Input.From", Text["Required"]);
        }
        else if (!Prose.IsPlausible(Input.From) || (Input.To is not null && !Prose.IsPlausible(Input.To)))
        {
            ModelState.AddModelError("Input.From", Text["DateOutOfRange"]);
        }
        if (Input.To is null || (Input.From is not null && Input.To <= Input.From))
        {
            ModelState.AddModelError("Input.To", Text["EndsAfterStart"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Invalid();
        }
        var absence = new Absence(user!.Value, Prose.FromBeijing(Input.From!.Value), Prose.FromBeijing(Input.To!.Value), deputy!.Value, Input.Reason ?? "");
        db.Add(absence);
        audit.Record("absence.recorded", "Absence", absence.Id, new { user = Input.UserName, @delegate = Input.Delegate, absence.From, absence.To, absence.Reason });
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage();
    }
}
