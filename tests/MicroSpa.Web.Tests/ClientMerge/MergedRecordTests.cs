using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Checkout;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Features.Waitlist;
using MicroSpa.Web.Infrastructure.Validation;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.ClientMerge;

/// <summary>
/// A merged record (a tombstone, decision 045) takes no new work: after a real merge, every address that takes a client id
/// (found in the reviewed endpoint table, so a route added later is covered) follows it to the record kept; a GET is sent
/// there, any other method is refused with 409 and writes nothing; the desk's booking and the other handlers that create
/// work for a client refuse it with a message naming the kept record.
/// </summary>
public sealed partial class MergedRecordTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static readonly string[] StaffInTableOrder = [Roles.FrontDesk, Roles.Esthetician, Roles.Nurse, Roles.MedicalDirector, Roles.Admin];

    /// <summary>A parameter that names a client: <c>{clientId}</c>, or the id right after <c>clients/</c>.</summary>
    [GeneratedRegex(@"(?<=clients/)\{(?<name>\w+)(:[^}]*)?\}|\{(?<name>clientId)(:[^}]*)?\}")]
    private static partial Regex ClientParameter();

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex AnyParameter();

    private const string ComparePattern = "/front-desk/clients/{id:guid}/merge/{otherId:guid}";

    private sealed record Route(string Method, string Pattern, string Caller);

    /// <summary>The endpoint table's lines whose pattern takes a client id, with the first staff role allowed to call each.</summary>
    private static List<Route> ClientRoutes() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "endpoint-access.txt"))
            .Where(l => !l.StartsWith('#') && l.Contains('|', StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Select(p => (Method: p[0].Split(' ')[0], Pattern: p[0].Split(' ', 2)[1], Callers: p[1].Split(' ')))
            .Where(r => ClientParameter().IsMatch(r.Pattern))
            .Select(r => new Route(r.Method, r.Pattern, StaffInTableOrder.First(r.Callers.Contains)))
            .ToList();

    /// <summary>The address: client ids are <paramref name="client"/>, any other id the record kept (the merge's other record).</summary>
    private static string Address(string pattern, Guid client, Guid kept)
    {
        var clientNamed = ClientParameter().Replace(pattern, client.ToString());
        return AnyParameter().Replace(clientNamed, kept.ToString());
    }

    private sealed record Merged(Guid Removed, Guid Kept, TestClinic Clinic);

    /// <summary>A duplicate of the clinic's client, merged into it through the desk's merge form.</summary>
    private async Task<Merged> MergeAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        Guid removed;
        await using (var db = Database.CreateContext())
        {
            var duplicate = new Client("Test", "Client", "test.client.old@example.com", "555-0199", DateTimeOffset.UtcNow.AddYears(-1));
            db.Clients.Add(duplicate);
            await db.SaveChangesAsync();
            removed = duplicate.Id;
        }

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var compare = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}/merge/{removed}");
        var merged = await desk.SubmitAsync(compare, new Dictionary<string, string> { ["Merge.KeepId"] = clinic.Client.Id.ToString() });
        merged.Status.ShouldBe(HttpStatusCode.Redirect);
        merged.Location.ShouldBe($"/front-desk/clients/{clinic.Client.Id}");
        await using (var check = Database.CreateContext())
        {
            (await check.Clients.AsNoTracking().SingleAsync(c => c.Id == removed)).MergedIntoId.ShouldBe(clinic.Client.Id);
        }

        return new Merged(removed, clinic.Client.Id, clinic);
    }

    /// <summary>Every row naming <paramref name="clientId"/> (the tables the merge handles, the audit trail) and the client row itself.</summary>
    private async Task<string> EverythingNamingAsync(Guid clientId)
    {
        await using var db = Database.CreateContext();
        var counts = new List<string>();
        foreach (var (table, column) in ClientReferences.All.Where(r => r != ClientReferences.TombstoneLink))
        {
#pragma warning disable EF1003 // the names come from the merge's fixed list
            var count = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM " + table + " WHERE " + column + " = {0}", clientId).SingleAsync();
#pragma warning restore EF1003
            counts.Add($"{table} {count}");
        }

        var row = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId);
        counts.Add($"client {row.FirstName} {row.LastName} {row.Email} {row.Phone} {row.Notes} {row.UserId} {row.PendingUserId} {row.MergedIntoId}");
        return string.Join("; ", counts);
    }

    private async Task<Dictionary<string, WebSession>> SessionsAsync(IEnumerable<string> roles)
    {
        var sessions = new Dictionary<string, WebSession>();
        foreach (var role in roles.Distinct())
        {
            sessions[role] = await AccountFlows.SignedInStaffAsync(App, NewSession, role);
        }

        return sessions;
    }

    [Fact]
    public async Task Every_address_that_reads_a_client_sends_the_merged_record_to_the_one_kept_with_its_query()
    {
        var (removed, kept, _) = await MergeAsync();
        // The merge's compare page is not followed: it answers a merged pair itself (A_merged_pair_s_compare_page_says_...).
        var gets = ClientRoutes().Where(r => r.Method == "GET" && r.Pattern != ComparePattern).ToList();
        gets.Count.ShouldBeGreaterThanOrEqualTo(5, "the endpoint table's client pages were found");
        var sessions = await SessionsAsync(gets.Select(r => r.Caller));

        foreach (var route in gets)
        {
            var page = await sessions[route.Caller].GetAsync(Address(route.Pattern, removed, kept) + "?q=ana&from=merged");

            page.Status.ShouldBe(HttpStatusCode.Redirect, $"GET {route.Pattern}");
            page.Location.ShouldBe(Address(route.Pattern, kept, kept) + "?q=ana&from=merged", $"GET {route.Pattern}");
        }

        // The desk's booking takes the client in its query: the rest of the query is kept as it was.
        var booking = await sessions[Roles.FrontDesk].GetAsync($"/front-desk/book?date=2030-01-02&clientId={removed}&from=merged");
        booking.Status.ShouldBe(HttpStatusCode.Redirect);
        booking.Location.ShouldBe($"/front-desk/book?date=2030-01-02&clientId={kept}&from=merged");
        (await sessions[Roles.FrontDesk].FollowAsync(booking)).Status.ShouldBe(HttpStatusCode.OK);
        var profile = await sessions[Roles.FrontDesk].FollowAsync(await sessions[Roles.FrontDesk].GetAsync($"/front-desk/clients/{removed}"));
        profile.Status.ShouldBe(HttpStatusCode.OK);
        profile.Html.ShouldContain($"/front-desk/clients/{kept}/merge", Case.Insensitive, "the kept record's profile");
    }

    [Fact]
    public async Task Every_change_posted_for_the_merged_record_is_refused_with_a_link_to_the_kept_one_and_writes_nothing()
    {
        var (removed, kept, _) = await MergeAsync();
        var posts = ClientRoutes().Where(r => r.Method != "GET").ToList();
        posts.Count.ShouldBeGreaterThanOrEqualTo(6, "the endpoint table's client forms were found");
        var sessions = await SessionsAsync(posts.Select(r => r.Caller).Append(Roles.FrontDesk));
        var before = await EverythingNamingAsync(removed);
        // What the forms would carry: the merge's choice, a client picked for a sale or a booking.
        var fields = new Dictionary<string, string> { ["Merge.KeepId"] = kept.ToString(), ["ClientId"] = removed.ToString() };
        var requests = posts.Select(r => (r.Caller, Url: Address(r.Pattern, removed, kept), Name: $"{r.Method} {r.Pattern}"))
            .Append((Roles.FrontDesk, "/front-desk/book", "POST /front-desk/book (ClientId)"))
            .Append((Roles.FrontDesk, "/checkout/walk-in", "POST /checkout/walk-in (ClientId)"));

        foreach (var (caller, url, name) in requests)
        {
            var session = sessions[caller];
            var refused = await session.PostAsync(await session.GetAsync("/account/sessions"), url, fields);

            refused.Status.ShouldBe(HttpStatusCode.Conflict, name);
            refused.Text.ShouldContain("merged", Case.Insensitive, name);
            (await EverythingNamingAsync(removed)).ShouldBe(before, $"{name} wrote nothing for the merged record");
            if (!url.EndsWith("/merge/" + kept, StringComparison.Ordinal))
            {
                // The merge keeps its own answer ("merged meanwhile"); every other form names the record kept and links to it.
                refused.Text.ShouldContain("This record was merged into Test Client's record", Case.Sensitive, name);
                refused.Document.QuerySelector(".client-merged")!.GetAttribute("data-kept").ShouldBe(kept.ToString(), name);
                refused.Document.GetElementById("kept-record").ShouldNotBeNull(name);
            }
        }
    }

    [Fact]
    public async Task A_script_asking_for_json_is_told_the_kept_record_as_problem_details()
    {
        var (removed, kept, _) = await MergeAsync();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var token = (await desk.GetAsync("/account/sessions")).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/front-desk/clients/{removed}/invite")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await desk.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString()!.ShouldStartWith("This record was merged into Test Client's record");
        problem.GetProperty("keptId").GetGuid().ShouldBe(kept);
        problem.GetProperty("kept").GetString().ShouldBe($"/front-desk/clients/{kept}");
    }

    [Fact]
    public async Task The_desk_booking_a_caller_on_the_merged_record_is_refused_with_the_message_and_books_nothing()
    {
        var (removed, kept, clinic) = await MergeAsync();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var page = await desk.GetAsync($"/front-desk/book?clientId={kept}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}");
        page.Status.ShouldBe(HttpStatusCode.OK);

        // The booking form as an older tab still holds it: the merged record's id.
        var refused = await desk.PostAsync(page, "/front-desk/book", new Dictionary<string, string>
        {
            ["ClientId"] = removed.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
            ["Start"] = TimeGrid.Format(TestClinic.At(9)),
        });

        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.Text.ShouldContain("This record was merged into Test Client's record (the one kept): nothing was saved here.");
        refused.Document.GetElementById("kept-record")!.GetAttribute("href").ShouldBe($"/front-desk/clients/{kept}");
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(0);
    }

    /// <summary>The compare page the desk merged from, refreshed or opened again from the history, in either order of the two records.</summary>
    [Fact]
    public async Task A_merged_pair_s_compare_page_says_the_records_were_merged_and_links_to_the_kept_one()
    {
        var (removed, kept, _) = await MergeAsync();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        foreach (var url in new[] { $"/front-desk/clients/{kept}/merge/{removed}", $"/front-desk/clients/{removed}/merge/{kept}" })
        {
            var page = await desk.GetAsync(url);

            page.Status.ShouldBe(HttpStatusCode.OK, url);
            page.Document.QuerySelector(".merge-done")!.TextContent.ShouldContain("One of these records was already merged.", Case.Sensitive, url);
            page.Document.QuerySelector(".merge-done a")!.GetAttribute("href").ShouldBe($"/front-desk/clients/{kept}", url);
            page.Document.QuerySelector("form.merge-form").ShouldBeNull($"{url}: no merge button for a merged pair");
        }
    }

    /// <summary>
    /// MVC binds a form's fields under the parameter's name too (<c>command.ClientId</c>): the filter reads what was bound, so
    /// that spelling is refused before the action as the plain one is.
    /// </summary>
    [Fact]
    public async Task A_merged_record_posted_under_the_parameter_s_prefix_is_refused_before_the_action_too()
    {
        var (removed, kept, clinic) = await MergeAsync();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var from = await desk.GetAsync("/account/sessions");
        var forms = new (string Url, Dictionary<string, string> Fields)[]
        {
            ("/checkout/walk-in", new() { ["command.ClientId"] = removed.ToString() }),
            ("/front-desk/book", new()
            {
                ["command.ClientId"] = removed.ToString(), ["command.ServiceId"] = clinic.Facial.Id.ToString(), ["command.AreaIds"] = clinic.Cheeks.Id.ToString(),
                ["command.Start"] = TimeGrid.Format(TestClinic.At(9)),
            }),
        };

        foreach (var (url, fields) in forms)
        {
            var refused = await desk.PostAsync(from, url, fields);

            refused.Status.ShouldBe(HttpStatusCode.Conflict, url);
            refused.Text.ShouldContain("This record was merged into Test Client's record (the one kept): nothing was saved here.", Case.Sensitive, url);
            refused.Document.QuerySelector(".client-merged")!.GetAttribute("data-kept").ShouldBe(kept.ToString(), url);
        }

        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(0);
        (await db.Invoices.CountAsync()).ShouldBe(0);
    }

    /// <summary>The filter asks the database once for every id a request carries, however many (and however often the same one) it sends.</summary>
    [Fact]
    public async Task The_ids_a_request_carries_are_looked_up_in_one_query()
    {
        var (removed, kept, _) = await MergeAsync();
        var commands = new Commands();
        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(Database.ConnectionString).AddInterceptors(commands);
        await using var db = new MicroSpaDbContext(options.Options);

        var followed = await new MergedClients.Handler(db).MergedIntoAsync([removed, kept, removed, Guid.NewGuid(), removed], CancellationToken.None);

        followed.ShouldBe(new Dictionary<Guid, Guid> { [removed] = kept });
        commands.Texts.ShouldHaveSingleItem().ShouldContain("= ANY (");
    }

    private sealed class Commands : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>The handlers refuse a tombstone themselves too (a waitlist offer accepted, a form from before the merge that skips the pages).</summary>
    [Fact]
    public async Task The_handlers_that_create_work_for_a_client_refuse_the_merged_record_naming_the_kept_one()
    {
        var (removed, _, clinic) = await MergeAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        const string Expected = "This record was merged into Test Client's record";

        var (appointment, booked) = await services.GetRequiredService<ClientBooking.Handler>().PrepareAsync(
            new ClientBooking.Request(removed, clinic.Facial.Id, [clinic.Cheeks.Id], null, TestClinic.At(9)), BookingSource.FrontDesk, TestClinic.By, CancellationToken.None);
        appointment.ShouldBeNull();
        booked.IsConflict.ShouldBeTrue();
        OutcomeText(booked).ShouldStartWith(Expected);

        var waiting = await services.GetRequiredService<JoinWaitlist.Handler>().HandleAsync(removed, new JoinWaitlist.Command
        {
            ServiceId = clinic.Facial.Id, AreaIds = [clinic.Cheeks.Id], Days = [DayOfWeek.Monday], EarliestStart = new TimeOnly(9, 0), LatestStart = new TimeOnly(17, 0),
        }, CancellationToken.None);
        OutcomeText(waiting.Status).ShouldStartWith(Expected);

        var sale = await services.GetRequiredService<StartWalkInSale.Handler>().HandleAsync(new StartWalkInSale.Command { ClientId = removed }, CancellationToken.None);
        sale.InvoiceId.ShouldBeNull();
        sale.Outcome.Errors.ShouldHaveSingleItem().Field.ShouldBe(nameof(StartWalkInSale.Command.ClientId));
        OutcomeText(sale.Outcome).ShouldStartWith(Expected);

        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(0);
        (await db.WaitlistEntries.CountAsync()).ShouldBe(0);
        (await db.Invoices.CountAsync()).ShouldBe(0);
    }

    private static string OutcomeText(Outcome outcome) => string.Join(" ", outcome.Errors.Select(e => e.Message));
}
