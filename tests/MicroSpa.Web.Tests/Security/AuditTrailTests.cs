using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Features.Audit;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Tests.Security;

public sealed class AuditTrailTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static async Task<PostgresException> RefusedAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_apps_database_role_cannot_change_delete_or_unprotect_audit_rows()
    {
        await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Nurse, "nina.audit@clinic.test");
        await using (var db = Database.CreateContext())
        {
            (await db.AuditEntries.CountAsync()).ShouldBe(1);
        }

        var app = Database.ConnectionString;
        (await RefusedAsync(app, "UPDATE audit_entries SET action = 'nothing'")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(app, "DELETE FROM audit_entries")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(app, "TRUNCATE audit_entries")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        // It owns nothing: it can neither take the trigger away nor change the schema.
        (await RefusedAsync(app, "ALTER TABLE audit_entries DISABLE TRIGGER ALL")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(app, "DROP TABLE audit_entries")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(app, "DELETE FROM \"__EFMigrationsHistory\"")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        // Granting itself the right grants nothing (PostgreSQL only warns), so the update is still refused.
        await ExecuteAsync(app, "GRANT UPDATE, DELETE ON audit_entries TO CURRENT_USER");
        (await RefusedAsync(app, "UPDATE audit_entries SET action = 'nothing'")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        await using var check = Database.CreateContext();
        (await check.AuditEntries.SingleAsync()).Action.ShouldBe(SignIn.Handler.StaffSignedIn);
    }

    [Fact]
    public async Task Even_the_owner_granting_itself_the_right_again_cannot_change_or_delete_audit_rows()
    {
        await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Nurse, "nina.audit@clinic.test");
        var owner = Database.OwnerConnectionString;
        (await RefusedAsync(owner, "UPDATE audit_entries SET action = 'nothing'")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        await ExecuteAsync(owner, "GRANT UPDATE, DELETE ON audit_entries TO CURRENT_USER");
        try
        {
            var update = await RefusedAsync(owner, "UPDATE audit_entries SET action = 'nothing'");
            update.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            update.MessageText.ShouldContain("insert-only");
            (await RefusedAsync(owner, "DELETE FROM audit_entries")).MessageText.ShouldContain("insert-only");
        }
        finally
        {
            await ExecuteAsync(owner, "REVOKE UPDATE, DELETE ON audit_entries FROM CURRENT_USER");
        }

        await using var check = Database.CreateContext();
        (await check.AuditEntries.SingleAsync()).Action.ShouldBe(SignIn.Handler.StaffSignedIn);
    }

    [Fact]
    public async Task Screening_answers_online_and_on_the_check_in_tablet_are_audited_with_who_answered_and_for_whom()
    {
        var clinic = await MicroSpa.Tests.Shared.TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], MicroSpa.Tests.Shared.TestClinic.At(10));

        var appointment = await clinic.BookAsync(Database, MicroSpa.Tests.Shared.TestClinic.At(14));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk, "desk.intake@clinic.test");
        var intake = $"/front-desk/appointments/{appointment.Id}/intake";
        (await desk.SubmitAsync(await desk.GetAsync(intake), BookingFlows.Answers(), $"{intake}/screening")).Location.ShouldBe(intake);

        await using var db = Database.CreateContext();
        var screenings = await db.Screenings.ToListAsync();
        var entries = await db.AuditEntries.Where(e => e.Action == ClinicalAudit.ScreeningAnswer).OrderBy(e => e.At).ToListAsync();
        entries.Select(e => e.SubjectId).ToList().ShouldBe(screenings.OrderBy(s => s.AnsweredAt).Select(s => (Guid?)s.Id).ToList());
        entries[0].ClientId.ShouldBe(client.Id);
        entries[1].ClientId.ShouldBe(clinic.Client.Id);
        entries[1].UserName.ShouldBe("desk.intake@clinic.test");
    }

    [Fact]
    public async Task Staff_sign_ins_and_failed_attempts_are_audited_and_client_sign_ins_are_not()
    {
        await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk, "desk.audit@clinic.test");
        using var wrong = NewSession();
        (await AccountFlows.SignInAsync(wrong, "desk.audit@clinic.test", "not-the-password")).Status.ShouldBe(HttpStatusCode.OK);
        await BookingFlows.SignedInClientAsync(App, Database, NewSession);

        await using var db = Database.CreateContext();
        var entries = await db.AuditEntries.OrderBy(e => e.At).ToListAsync();
        entries.Select(e => e.Action).ShouldBe([SignIn.Handler.StaffSignedIn, SignIn.Handler.StaffSignInFailed]);
        entries.ShouldAllBe(e => e.UserName == "desk.audit@clinic.test" && e.ClientId == null);
    }

    [Fact]
    public async Task The_admin_exports_a_date_range_as_csv_with_formulas_defused_and_bad_ranges_told()
    {
        var client = new Domain.Clients.Client("=HYPERLINK(\"x\")", "Smith", "formula@example.com", null, DateTimeOffset.UtcNow);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var db = Database.CreateContext())
        {
            db.Clients.Add(client);
            db.AuditEntries.Add(new AuditEntry(Guid.NewGuid(), "maya@clinic.test", client.Id, "chart.view", Guid.NewGuid(), DateTimeOffset.UtcNow, fromAddress: "203.0.113.7"));
            db.AuditEntries.Add(new AuditEntry(Guid.NewGuid(), "maya@clinic.test", client.Id, "chart.sign", Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-40)));
            await db.SaveChangesAsync();
        }

        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        using var response = await admin.Client.GetAsync($"/admin/audit/export?from={today.AddDays(-7):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.ShouldContain("audit-");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(ExportAudit.Header);
        var view = lines.Single(l => l.Contains(",chart.view,", StringComparison.Ordinal));
        view.ShouldContain($",{client.Id},\"'=HYPERLINK(\"\"x\"\") Smith\",");
        view.ShouldEndWith(",203.0.113.7", Case.Sensitive, "where the request came from is the last column");
        lines.ShouldNotContain(l => l.Contains("chart.sign", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains($",{SignIn.Handler.StaffSignedIn},", StringComparison.Ordinal));

        var page = await admin.GetAsync("/admin/audit");
        page.Document.QuerySelectorAll("tbody tr").ShouldContain(r => r.TextContent.Contains("chart.view", StringComparison.Ordinal) && r.TextContent.Contains("203.0.113.7", StringComparison.Ordinal));
        var backwards = await admin.GetAsync($"/admin/audit/export?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        backwards.Status.ShouldBe(HttpStatusCode.BadRequest);
        backwards.Document.GetElementById("export-error")!.TextContent.ShouldBe("The last day comes on or after the first.");
        var missing = await admin.GetAsync("/admin/audit/export?from=2026-13-45");
        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.Document.GetElementById("export-error")!.TextContent.ShouldNotBeEmpty();
        page.Document.QuerySelector("button[formaction='/admin/audit/export']").ShouldNotBeNull();
    }
}
