using System.Net;
using System.Text.RegularExpressions;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Security;

/// <summary>Nothing the app renders is kept by a browser or a proxy: Cache-Control: no-store on every page and export.</summary>
public sealed partial class CacheControlTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static bool NoStore(HttpResponseMessage response) =>
        response.Headers.CacheControl?.NoStore == true;

    /// <summary>
    /// Every GET endpoint (found through EndpointDataSource, so a new page is included) is asked for by an
    /// anonymous visitor, a client, the admin and the medical director, with ids that exist nowhere: whatever
    /// the answer (page, redirect, 404), it says no-store. Only the public API (cached on purpose, decision 017)
    /// and the health checks (no-store of their own) are left out of the enumeration.
    /// </summary>
    [Fact]
    public async Task Every_page_answers_with_no_store_for_every_caller()
    {
        using var warm = App.CreateClient();
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .Where(e => e.Metadata.GetMetadata<OutputCacheAttribute>() is null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !p.StartsWith("/health", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        routes.Count.ShouldBeGreaterThan(40);
        routes.ShouldContain("/admin/audit/export");

        var callers = new Dictionary<string, WebSession>
        {
            ["anonymous"] = NewSession(),
            [Roles.Client] = (await BookingFlows.SignedInClientAsync(App, Database, NewSession)).Session,
            [Roles.Admin] = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin),
            [Roles.MedicalDirector] = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector),
        };
        var cached = new List<string>();
        foreach (var (caller, session) in callers)
        {
            foreach (var route in routes)
            {
                var url = "/" + Parameter().Replace(route.TrimStart('/'), m => m.Groups["constraint"].Value == ":int" ? "1" : Guid.NewGuid().ToString());
                using var response = await session.Client.GetAsync(url);
                if (!NoStore(response))
                {
                    cached.Add($"{caller} GET {route} → {(int)response.StatusCode} Cache-Control: {response.Headers.CacheControl}");
                }
            }
        }

        cached.ShouldBeEmpty(string.Join("\n", cached));
    }

    [Fact]
    public async Task The_audit_csv_export_and_a_clients_own_appointments_page_say_no_store()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var export = await admin.Client.GetAsync($"/admin/audit/export?from={today.AddDays(-7):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        NoStore(export).ShouldBeTrue($"Cache-Control: {export.Headers.CacheControl}");

        var (client, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        using var mine = await client.Client.GetAsync("/my/appointments");
        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        NoStore(mine).ShouldBeTrue($"Cache-Control: {mine.Headers.CacheControl}");
    }

    [GeneratedRegex(@"\{\*?(?<name>\w+)(?<constraint>:[^}?]*)?\??\}")]
    private static partial Regex Parameter();
}
