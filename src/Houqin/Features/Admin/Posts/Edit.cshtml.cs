using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Admin.Posts;

public sealed class EditModel(AppDbContext db, AuditLog audit, IStringLocalizer<OrganisationText> text) : AdminEditPageModel(text)
{
    public sealed class InputModel
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public Guid? TeamId { get; set; }

        /// <summary>Service category codes, separated by commas or spaces.</summary>
        public string? Categories { get; set; }

        public bool RoundTheClock { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Team> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Teams = await db.Set<Team>().OrderBy(t => t.Code).ToListAsync(ct);
        if (Id is { } id)
        {
            var p = await db.Set<Post>().FindAsync([id], ct);
            if (p is null)
            {
                return NotFound();
            }
            Input = new InputModel { Code = p.Code, Name = p.Name, TeamId = p.TeamId, Categories = string.Join(", ", p.Categories), RoundTheClock = p.RoundTheClock };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Teams = await db.Set<Team>().OrderBy(t => t.Code).ToListAsync(ct);
        Required(Input.Name, "Input.Name");
        var team = Teams.FirstOrDefault(t => t.Id == Input.TeamId);
        if (team is null)
        {
            ModelState.AddModelError("Input.TeamId", Text["Required"]);
        }
        var categories = (Input.Categories ?? "").Split([',', '，', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var bad in categories.Where(c => !Codes.IsValid(c)))
        {
            ModelState.AddModelError("Input.Categories", Text["NotACode", bad]);
        }
        Post? post = null;
        if (Id is { } id)
        {
            post = await db.Set<Post>().FindAsync([id], ct);
            if (post is null)
            {
                return NotFound();
            }
            Input.Code = post.Code;
        }
        else if (ValidCode(Input.Code, "Input.Code") && await db.Set<Post>().AnyAsync(p => p.Code == Input.Code!.Trim(), ct))
        {
            ModelState.AddModelError("Input.Code", Text["CodeTaken", Input.Code!]);
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        var action = "post.changed";
        if (post is null)
        {
            post = new Post(team!, Input.Code!, Input.Name!, categories, Input.RoundTheClock);
            db.Add(post);
            action = "post.created";
        }
        else
        {
            post.Describe(Input.Name!, categories, Input.RoundTheClock);
            post.MoveTo(team!);
        }
        audit.Record(action, "Post", post.Id, new { post.Code, post.Name, team = team!.Code, post.Categories, post.RoundTheClock });
        if (!await SavedAsync(db, ct))
        {
            return Invalid();
        }
        return RedirectToPage("Index");
    }
}
