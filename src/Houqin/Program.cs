using Houqin;
using Houqin.Cli;
using Houqin.Data;
using Houqin.Features.Account;
using Houqin.Features.Accountability;
using Houqin.Features.Assessment;
using Houqin.Features.Notifications;
using Houqin.Features.Organisation;
using Houqin.Features.Procedures;
using Houqin.Features.ServiceDesk;
using Houqin.Features.Shared;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Clock;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Outbox;
using Houqin.Infrastructure.Policies;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

// Composition root: one line per module, shared mechanisms first, features after.
builder.Services.AddData(config);
builder.Services.AddClock(config, builder.Environment);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentActor>();
builder.Services.AddAudit(config);
builder.Services.AddCalendar();
builder.Services.AddDeadlines();
builder.Services.AddOutbox();
builder.Services.AddPolicies();
builder.Services.AddHouqinAuthorization();
builder.Services.AddAccounts(config);
builder.Services.AddOrganisation();
builder.Services.AddProcedures();
builder.Services.AddServiceDesk();
builder.Services.AddNotifications();
builder.Services.AddAccountability();
builder.Services.AddAssessment();
builder.Services.AddWeb(config, builder.Environment);
builder.Services.AddSingleton<ICliVerb, MigrateVerb>();

var app = builder.Build();

if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(app.Services, args);
}

await StartupChecks.RunAsync(app);

app.UseWeb();
app.MapAudit();
app.MapCalendar();
app.MapClock();
app.MapAccounts();
app.MapOrganisation();
app.MapProcedures();
app.MapServiceDesk();
app.MapNotifications();
app.MapAccountability();
app.MapAssessment();
app.MapWeb();

await app.RunAsync();
return 0;

/// <summary>Visible to tests (<c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
