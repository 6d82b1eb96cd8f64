using System.Net;
using System.Text.Json;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Audit;
using MicroSpa.Web.Infrastructure.Validation;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Security;

/// <summary>
/// Dates far in the past or future (which once overflowed a time-zone conversion and answered 500) are
/// refused where they enter: a page says what is wrong with 400, the API answers a 400 problem.
/// </summary>
public sealed class FarDateTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static async Task ShowsTheCalendarRangeAsync(WebSession session, string url)
    {
        var page = await session.GetAsync(url);
        page.Status.ShouldBe(HttpStatusCode.BadRequest, url);
        page.Text.ShouldContain(CalendarRange.Message, Case.Sensitive, url);
        page.Text.ShouldContain("Check the address", Case.Sensitive, url);
    }

    [Fact]
    public async Task The_public_api_answers_a_400_problem_naming_the_date()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var client = App.CreateClient();
        foreach (var (from, to, field) in new[] { ("9999-12-31", "9999-12-31", "from"), ("0001-01-01", "0001-01-02", "from"), ("2026-12-01", "9999-12-31", "to") })
        {
            using var response = await client.GetAsync($"/api/v1/availability?serviceId={clinic.Facial.Id}&from={from}&to={to}");

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{from}..{to}");
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(CalendarRange.Message);
        }
    }

    [Fact]
    public async Task Anonymous_open_times_far_away_say_which_dates_the_calendar_has()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var anonymous = NewSession();

        await ShowsTheCalendarRangeAsync(anonymous, $"/book/{clinic.Facial.Id}/times?areaIds={clinic.Cheeks.Id}&date=9999-12-25");
        await ShowsTheCalendarRangeAsync(anonymous, $"/book/{clinic.Facial.Id}/times?areaIds={clinic.Cheeks.Id}&date=0001-01-01");
        (await anonymous.GetAsync($"/book/{clinic.Facial.Id}/times?areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_calendars_far_away_say_which_dates_the_calendar_has()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        using var esthetician = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        await ShowsTheCalendarRangeAsync(desk, "/front-desk?date=9999-12-31");
        await ShowsTheCalendarRangeAsync(desk, $"/front-desk/week?providerId={clinic.Esthetician.Id}&date=9999-12-31");
        await ShowsTheCalendarRangeAsync(desk, "/front-desk/run-sheet?date=0001-01-01");
        await ShowsTheCalendarRangeAsync(esthetician, "/provider?date=9999-12-31");
        await ShowsTheCalendarRangeAsync(admin, "/admin/audit?from=0001-01-01");

        // The ends of the range still open.
        (await desk.GetAsync("/front-desk?date=1900-01-01")).Status.ShouldBe(HttpStatusCode.OK);
        (await desk.GetAsync($"/front-desk/week?providerId={clinic.Esthetician.Id}&date=2199-12-31")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_audit_export_checks_its_range_before_writing_anything()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/audit/export?from=9999-12-30&to=9999-12-31");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await admin.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        response.Content.Headers.ContentDisposition.ShouldBeNull();
        (await response.Content.ReadAsStringAsync()).ShouldContain(CalendarRange.Message);
        ExportAudit.Check(new DateOnly(2026, 1, 1), new DateOnly(9999, 12, 31)).ShouldBe(("to", CalendarRange.Message));
        ExportAudit.Check(new DateOnly(1, 1, 1), new DateOnly(1, 1, 2)).ShouldBe(("from", CalendarRange.Message));
    }

    [Fact]
    public async Task Control_characters_in_a_search_address_are_refused_with_a_message()
    {
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var page = await desk.GetAsync("/front-desk/clients?q=%00ann");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Text.ShouldContain("invisible control characters");
    }
}
