using System.Net;
using System.Text.RegularExpressions;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Tests.Accounts;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Security;

/// <summary>
/// Every endpoint of the running app, found through routing (so endpoints added later are covered without
/// anyone remembering to add them here): each declares who may call it, each role reaches exactly what
/// the reviewed access table says, and no unsafe request is accepted without an antiforgery token.
/// </summary>
public sealed partial class EndpointAccessTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>Who is asked, in the column order of the access table.</summary>
    private static readonly string[] Callers = ["anonymous", Roles.Client, Roles.FrontDesk, Roles.Esthetician, Roles.Nurse, Roles.MedicalDirector, Roles.Admin];

    private static readonly string[] Unsafe = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    private sealed record Probe(string Method, string Pattern, string Url);

    private IReadOnlyList<RouteEndpoint> RouteEndpoints()
    {
        using var warm = App.CreateClient();
        return App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    private IReadOnlyList<Probe> Probes() =>
        RouteEndpoints()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => new Probe(m, "/" + e.RoutePattern.RawText!.TrimStart('/'), Url(e.RoutePattern.RawText!))))
            .DistinctBy(p => (p.Method, p.Pattern))
            .OrderBy(p => p.Pattern, StringComparer.Ordinal).ThenBy(p => p.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>A concrete address for a route: ids that exist nowhere, so a request tests access and never changes data.</summary>
    private static string Url(string pattern) =>
        "/" + Parameter().Replace(pattern.TrimStart('/'), m => m.Groups["constraint"].Value == ":int" ? "1" : Guid.NewGuid().ToString());

    [GeneratedRegex(@"\{\*?(?<name>\w+)(?<constraint>:[^}?]*)?\??\}")]
    private static partial Regex Parameter();

    private async Task<Dictionary<string, WebSession>> SessionsAsync()
    {
        var sessions = new Dictionary<string, WebSession> { ["anonymous"] = NewSession() };
        sessions[Roles.Client] = (await BookingFlows.SignedInClientAsync(App, Database, NewSession)).Session;
        foreach (var role in Callers.Skip(2))
        {
            sessions[role] = await AccountFlows.SignedInStaffAsync(App, NewSession, role);
        }

        return sessions;
    }

    private static async Task<HttpResponseMessage> SendAsync(WebSession session, Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
        request.Headers.Accept.ParseAdd("text/html");
        if (probe.Method != HttpMethods.Get && probe.Method != HttpMethods.Head)
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return await session.Client.SendAsync(request);
    }

    /// <summary>Refused: asked to sign in, sent to access denied, or 401/403 (the access-denied page itself answers 403 to everyone).</summary>
    private static bool Denied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized
        || (response.StatusCode is HttpStatusCode.Forbidden && response.RequestMessage?.RequestUri?.AbsolutePath != "/account/access-denied")
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/account/sign-in", StringComparison.Ordinal) || location.Contains("/account/access-denied", StringComparison.Ordinal)));

    [Fact]
    public void Every_endpoint_names_a_policy_or_says_it_is_open_to_anyone()
    {
        var endpoints = RouteEndpoints();
        endpoints.Count.ShouldBeGreaterThan(100);

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                        && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            .Select(e => e.DisplayName)
            .ToList();

        undeclared.ShouldBeEmpty();
    }

    [Fact]
    public async Task Each_role_reaches_exactly_what_the_access_table_allows_and_nothing_fails()
    {
        var sessions = await SessionsAsync();
        var actual = new List<string>();
        var failures = new List<string>();
        foreach (var probe in Probes())
        {
            var allowed = new List<string>();
            foreach (var caller in Callers)
            {
                using var response = await SendAsync(sessions[caller], probe);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{probe.Method} {probe.Url} as {caller}: {(int)response.StatusCode}");
                }

                if (!Denied(response))
                {
                    allowed.Add(caller);
                }
            }

            actual.Add($"{probe.Method} {probe.Pattern} | {string.Join(' ', allowed)}");
        }

        failures.ShouldBeEmpty();
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "endpoint-access.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (!actual.SequenceEqual(expected))
        {
            var path = Path.Combine(Path.GetTempPath(), "endpoint-access.actual.txt");
            await File.WriteAllLinesAsync(path, actual);
            var changes = actual.Except(expected).Select(l => "now:      " + l).Concat(expected.Except(actual).Select(l => "expected: " + l));
            throw new ShouldAssertException(
                $"Access differs from tests/MicroSpa.Web.Tests/Security/endpoint-access.txt (the whole actual table is in {path}; review it, then copy it there):\n"
                + string.Join('\n', changes));
        }
    }

    [Fact]
    public async Task An_unsafe_request_without_an_antiforgery_token_is_refused_with_400_for_everyone_allowed_to_make_it()
    {
        var sessions = await SessionsAsync();
        var unsafeProbes = Probes().Where(p => Unsafe.Contains(p.Method)).ToList();
        unsafeProbes.Count.ShouldBeGreaterThan(50);
        var accepted = new List<string>();
        foreach (var probe in unsafeProbes)
        {
            var anyoneAllowed = false;
            foreach (var caller in Callers)
            {
                using var response = await SendAsync(sessions[caller], probe);
                if (Denied(response))
                {
                    continue;
                }

                anyoneAllowed = true;
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    accepted.Add($"{probe.Method} {probe.Url} as {caller}: {(int)response.StatusCode}");
                }
            }

            if (!anyoneAllowed)
            {
                accepted.Add($"{probe.Method} {probe.Pattern}: nobody may call it (an endpoint without a use)");
            }
        }

        accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_staff_page_sends_staff_without_a_second_factor_to_set_it_up_first()
    {
        var staffPolicies = new[] { Policies.Admin, Policies.Staff, Policies.FrontDesk, Policies.Clinical, Policies.ClinicalSettings, Policies.ClinicalOrClient };
        var staffEndpoints = RouteEndpoints()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => staffPolicies.Contains(a.Policy)))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet();
        var probes = Probes().Where(p => staffEndpoints.Contains(p.Pattern)).ToList();
        probes.Count.ShouldBeGreaterThan(80);

        // One staff member holding every staff role, signed in with the password only.
        var everything = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin, "all.roles@clinic.test", twoFactor: false);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync("all.roles@clinic.test"))!;
            await users.AddToRolesAsync(user, Roles.Staff.Where(r => r != Roles.Admin));
        }

        using var session = NewSession();
        (await AccountFlows.SignInAsync(session, "all.roles@clinic.test")).Status.ShouldBe(HttpStatusCode.Redirect);
        var letIn = new List<string>();
        foreach (var probe in probes)
        {
            using var response = await SendAsync(session, probe);
            if (response.StatusCode != HttpStatusCode.Redirect
                || response.Headers.Location?.OriginalString.StartsWith(StaffTwoFactor.SetupPath, StringComparison.Ordinal) != true)
            {
                letIn.Add($"{probe.Method} {probe.Url}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        letIn.ShouldBeEmpty();
        everything.Dispose();
    }
}
