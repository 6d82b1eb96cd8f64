using System.Net;
using CsCheck;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Infrastructure.Seeding;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MicroSpa.Web.Tests.Security;

/// <summary>
/// Property-based: every form endpoint of the app (found through MVC's action descriptors, so later ones
/// are covered too) gets generated hostile values in every field it binds, as a caller allowed to post
/// there, with a valid antiforgery token and real ids from the demo clinic. Whatever arrives: never a
/// 5xx, a refusal says something on the page, a refused request changes nothing, and markup comes back
/// encoded.
/// </summary>
[StartFirst]
public sealed class BadInputTests(WebAppFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : WebTest(fixture)
{
    private const string Script = "<script>alert('x')</script>";

    /// <summary>What people (and attackers) type: empty, huge, unicode, control characters, markup, SQL, impossible dates, odd numbers.</summary>
    private static readonly string[] Hostile =
    [
        "", " ", new string('a', 20_000), "Zoë Ångström 王芳 محمد 👩🏽‍⚕️", "\u0000\u0001\u001b[31m\u007f", "line\r\nbreak\ttab", Script,
        "\"><img src=x onerror=alert(1)>", "'; DROP TABLE clients; --", "1 OR 1=1", "%00", "../../etc/passwd", "2026-02-30", "2026-13-45",
        "0001-01-01", "9999-12-31T23:59:59", "24:61", "-1", "0", "-99999999999999999999", "99999999999999999999", "1e309", "NaN", "0.0000001",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "true", "maybe", "Friday", "\u202Eevil", "a@b", "@@@",
    ];

    private static readonly Gen<string> Value = Gen.OneOf<string>(Gen.OneOf(Hostile), Gen.String[0, 40]);

    private sealed record Target(string Method, string Pattern, IReadOnlyList<string> Fields, string Caller);

    /// <summary>The form fields an action binds, as a browser would name them.</summary>
    private static IEnumerable<string> FieldsOf(ControllerActionDescriptor action)
    {
        foreach (var parameter in action.Parameters)
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (source == BindingSource.Services || source == BindingSource.Path || parameter.ParameterType == typeof(CancellationToken)
                || action.AttributeRouteInfo!.Template!.Contains("{" + parameter.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal) || type == typeof(DateOnly)
                || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) || type.Name == "IFormFile")
            {
                yield return parameter.BindingInfo?.BinderModelName ?? parameter.Name;
                continue;
            }

            if (type.IsGenericType)
            {
                // A dictionary of scores, a list of ids: one entry with a hostile key and value.
                yield return $"{parameter.Name}[{Guid.NewGuid()}]";
                continue;
            }

            var prefix = parameter.BindingInfo?.BinderModelName is { } name ? name + "." : string.Empty;
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                yield return prefix + property.Name;
            }
        }
    }

    private async Task<Dictionary<string, Guid>> DemoIdsAsync()
    {
        await using var db = Database.CreateContext();
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)
        {
            ["appointments"] = await db.Appointments.Where(a => a.StartsAt > now).OrderBy(a => a.StartsAt).Select(a => a.Id).FirstAsync(),
            ["clients"] = await db.Clients.Where(c => c.Email == "olivia.client@example.com").Select(c => c.Id).SingleAsync(),
            ["providers"] = await db.Providers.Select(p => p.Id).FirstAsync(),
            ["services"] = await db.Services.Select(s => s.Id).FirstAsync(),
            ["join"] = await db.Services.Select(s => s.Id).FirstAsync(),
            ["rooms"] = await db.Rooms.Select(r => r.Id).FirstAsync(),
            ["devices"] = await db.Devices.Select(d => d.Id).FirstAsync(),
            ["staff"] = await db.Users.Where(u => u.Email == "frontdesk@microspa.test").Select(u => u.Id).SingleAsync(),
            ["areas"] = await db.BodyAreas.Select(a => a.Id).FirstAsync(),
            ["products"] = await db.Products.Select(p => p.Id).FirstAsync(),
            ["aftercare"] = await db.AftercareTemplate.Select(i => i.Id).FirstAsync(),
        };
    }

    /// <summary>A concrete address: a real id of the kind the segment before the parameter names, else one that exists nowhere.</summary>
    private static string Url(string pattern, Dictionary<string, Guid> ids)
    {
        var segments = pattern.Trim('/').Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                segments[i] = i > 0 && ids.TryGetValue(segments[i - 1], out var id) ? id.ToString() : Guid.NewGuid().ToString();
            }
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>
    /// Row counts and a digest of every table but the audit trail, the outbox, the key ring and the sign-in
    /// sessions (their "last seen" moves with the requests themselves).
    /// </summary>
    private async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_entries', 'outbox_messages', 'data_protection_keys', 'auth_sessions')
            """, connection);
        var tables = ((string)(await command.ExecuteScalarAsync())!).Split(',');
        var sql = string.Join(" || ';' || ", tables.Select(t => $"(SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM \"{t}\" x)"));
        await using var digest = new NpgsqlCommand("SELECT " + sql, connection);
        return (string)(await digest.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Endpoints that take no field and end the callers' own sessions (or, for the Admin, the front desk's):
    /// posting to them would sign out the sessions the rest of the run posts with.
    /// </summary>
    private static readonly string[] EndSessions = ["POST /account/sign-out", "POST /account/sessions/sign-out-everywhere", "POST /admin/staff/{id:guid}/end-sessions"];

    private sealed record Demo(Dictionary<string, Guid> Ids, Dictionary<string, string[]> Access, Dictionary<string, WebSession> Sessions);

    /// <summary>The demo clinic, the reviewed access table, and a signed-in session for every caller (staff with their authenticator code).</summary>
    private async Task<Demo> DemoAsync()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<DemoClinicSeeder>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
        }

        var ids = await DemoIdsAsync();
        var access = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "endpoint-access.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" | "))
            .ToDictionary(p => p[0], p => p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var sessions = new Dictionary<string, WebSession>
        {
            ["anonymous"] = NewSession(),
            ["Client"] = NewSession(),
        };
        (await AccountFlows.SignInAsync(sessions["Client"], "olivia.client@example.com", DemoClinicSeeder.DemoPassword)).Status.ShouldBe(HttpStatusCode.Redirect);
        foreach (var (caller, email) in new[] { ("FrontDesk", "frontdesk@microspa.test"), ("Esthetician", "maya.esthetician@microspa.test"),
                     ("Nurse", "nina.nurse@microspa.test"), ("MedicalDirector", "director@microspa.test"), ("Admin", "admin@microspa.test"),
                     ("Manager", "desklead@microspa.test") })
        {
            sessions[caller] = NewSession();
            await AccountFlows.SignInWithCodeAsync(sessions[caller], email, DemoClinicSeeder.DemoAuthenticatorKey, DemoClinicSeeder.DemoPassword);
        }

        return new Demo(ids, access, sessions);
    }

    /// <summary>The same values every run by default, so CI is repeatable; MICROSPA_FUZZ_SEED=random explores, or replays a seed printed by an earlier run.</summary>
    private static string Seed()
    {
        var seedSetting = Environment.GetEnvironmentVariable("MICROSPA_FUZZ_SEED");
        return seedSetting == "random" ? new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()).ToString()
            : seedSetting ?? new PCG(2026, 1126).ToString();
    }

    [Fact]
    public async Task Every_form_endpoint_survives_hostile_values_in_every_field()
    {
        var (ids, access, sessions) = await DemoAsync();
        var targets = App.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .SelectMany(a => (a.ActionConstraints?.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods) ?? [])
                .Where(m => m == HttpMethods.Post)
                .Select(m => (Action: a, Key: $"{m} /{a.AttributeRouteInfo!.Template!.TrimStart('/')}")))
            .Where(t => !EndSessions.Contains(t.Key) && access.TryGetValue(t.Key, out var callers) && callers.Length > 0)
            .Select(t => new Target("POST", t.Key[5..], FieldsOf(t.Action).Distinct().ToList(), access[t.Key][0]))
            .OrderBy(t => t.Pattern, StringComparer.Ordinal)
            .ToList();
        targets.Count.ShouldBe(access.Keys.Count(k => k.StartsWith("POST ", StringComparison.Ordinal)) - EndSessions.Length, "every POST endpoint but those ending sessions");

        // Antiforgery tokens belong to the user, not the form: one page of each session gives its token.
        var tokens = new Dictionary<string, Page>();
        foreach (var (caller, session) in sessions)
        {
            tokens[caller] = await session.GetAsync("/account/sign-in");
        }

        var seed = Seed();
        var problems = new List<string>();
        var requests = 0;
        foreach (var target in targets)
        {
            var session = sessions[target.Caller];
            var url = Url(target.Pattern, ids);
            await Value.Array[target.Fields.Count].SampleAsync(async values =>
            {
                var fields = target.Fields.Select((f, i) => (f, values[i])).ToDictionary(p => p.f, p => p.Item2);
                var before = await FingerprintAsync();
                var page = await session.PostAsync(tokens[target.Caller], url, fields);
                Interlocked.Increment(ref requests);
                var where = $"{target.Method} {url} as {target.Caller} with {string.Join(", ", fields.Select(f => $"{f.Key}={Describe(f.Value)}"))}";
                if ((int)page.Status >= 500)
                {
                    problems.Add($"{(int)page.Status} for {where}");
                    return;
                }

                if (page.Html.Contains(Script, StringComparison.Ordinal))
                {
                    problems.Add($"unencoded script echoed for {where}");
                }

                var refused = page.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
                              || (page.Status == HttpStatusCode.OK && Message(page) is not null);
                if (page.Status == HttpStatusCode.OK && Message(page) is null && page.Document.QuerySelectorAll("form[method=post]").Any(f => f.GetAttribute("action") != "/account/sign-out"))
                {
                    problems.Add($"no message on the returned form: {where}");
                }

                if (refused && await FingerprintAsync() != before)
                {
                    problems.Add($"refused ({(int)page.Status}) but the database changed for {where}");
                }
            }, seed: seed, iter: 12, threads: 1);
        }

        output.WriteLine($"{requests} requests to {targets.Count} form endpoints, {problems.Count} problems (seed {seed})");
        problems.GroupBy(p => p[..p.IndexOf(" with ", StringComparison.Ordinal)]).Select(g => $"{g.Key} (x{g.Count()}): {g.First()[(g.Key.Length)..]}").ShouldBeEmpty($"{problems.Count} problems in {requests} requests to {targets.Count} endpoints (seed {seed}). "
            + string.Join('\n', App.Log.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)).Select(l => l.Length > 900 ? l[..900] : l).DistinctBy(l => l.Length > 300 ? l[200..300] : l).Take(8)));
    }

    /// <summary>What arrives in addresses: dates far away or impossible, empty, huge and non-numbers, malformed ids, long text, NUL, markup.</summary>
    private static readonly string[] HostileInUrls =
    [
        "", "0001-01-01", "9999-12-31", "9999-12-25", "1899-12-31", "2200-01-01", "2026-02-30", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00",
        "-99999999999999999999", "99999999999999999999", "2147483648", "-1", "1e309", "NaN", "Friday",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", new string('9', 2_000), new string('a', 4_000), "\u0000", "%00", Script,
        "'; DROP TABLE clients; --", "../../etc/passwd", "Zoë 王芳 👩🏽‍⚕️",
    ];

    private sealed record GetTarget(string Pattern, IReadOnlyList<string> RouteValues, IReadOnlyList<string> QueryFields, IReadOnlyList<string> Callers);

    /// <summary>The query-string names an action binds: simple values and lists by name, a bound object by its properties.</summary>
    private static IEnumerable<string> QueryFieldsOf(ControllerActionDescriptor action, IReadOnlyCollection<string> routeValues)
    {
        static bool Simple(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal) || type == typeof(DateOnly)
                   || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(TimeOnly);
        }

        static bool SimpleOrList(Type type) => Simple(type) || (type.IsGenericType && type.GetGenericArguments() is [var item] && Simple(item));

        foreach (var parameter in action.Parameters)
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (source == BindingSource.Services || source == BindingSource.Path || source == BindingSource.Form || source == BindingSource.Body
                || parameter.ParameterType == typeof(CancellationToken) || routeValues.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase)
                || parameter.ParameterType.Name == "IFormFile")
            {
                continue;
            }

            if (SimpleOrList(parameter.ParameterType))
            {
                yield return parameter.BindingInfo?.BinderModelName ?? parameter.Name;
                continue;
            }

            foreach (var property in parameter.ParameterType.GetProperties().Where(p => p.CanWrite && SimpleOrList(p.PropertyType)))
            {
                yield return property.Name;
            }
        }
    }

    /// <summary>A route value that leads somewhere: a real id of the kind the segment before it names, the API document's name, else an unknown id.</summary>
    private static string RouteValue(string pattern, string name, Dictionary<string, Guid> ids)
    {
        var segments = pattern.Trim('/').Split('/');
        var at = Array.FindIndex(segments, s => s.StartsWith("{" + name, StringComparison.Ordinal) || s.StartsWith("{*" + name, StringComparison.Ordinal));
        return name == "documentName" ? "v1"
            : at > 0 && ids.TryGetValue(segments[at - 1], out var id) ? id.ToString()
            : Guid.NewGuid().ToString();
    }

    private static string UrlOf(GetTarget target, Dictionary<string, string> route, IEnumerable<KeyValuePair<string, string>> query)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(target.Pattern, @"\{\*?(\w+)[^}]*\}", m => Uri.EscapeDataString(route[m.Groups[1].Value]));
        // A lone surrogate (generated text) cannot be sent in an address: it goes as U+FFFD, as a browser sends it.
        static string Escape(string text) => Uri.EscapeDataString(System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text)));
        var pairs = query.Select(q => $"{Escape(q.Key)}={Escape(q.Value)}").ToList();
        return pairs.Count == 0 ? path : $"{path}?{string.Join('&', pairs)}";
    }

    [Fact]
    public async Task Every_GET_endpoint_survives_hostile_values_in_its_query_string_and_route()
    {
        var (ids, access, sessions) = await DemoAsync();
        var targets = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods || methods.Contains(HttpMethods.Get))
            .Select(e =>
            {
                var pattern = "/" + e.RoutePattern.RawText!.TrimStart('/');
                var routeValues = e.RoutePattern.Parameters.Select(p => p.Name).ToList();
                var query = e.Metadata.GetMetadata<ControllerActionDescriptor>() is { } action ? QueryFieldsOf(action, routeValues).Distinct().ToList() : [];
                var callers = access.TryGetValue($"GET {pattern}", out var allowed) ? allowed : [];
                return new GetTarget(pattern, routeValues, query, ["anonymous", .. callers.Where(c => c != "anonymous")]);
            })
            .DistinctBy(t => t.Pattern)
            .OrderBy(t => t.Pattern, StringComparer.Ordinal)
            .ToList();
        targets.Count(t => access.ContainsKey($"GET {t.Pattern}")).ShouldBe(access.Keys.Count(k => k.StartsWith("GET ", StringComparison.Ordinal)), "every GET endpoint of the access table");

        var seed = Seed();
        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        var requests = 0;
        async Task CheckAsync(string caller, string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await sessions[caller].Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Interlocked.Increment(ref requests);
            var where = $"GET {(url.Length > 160 ? url[..160] + "…" : url)} as {caller}";
            if ((int)response.StatusCode >= 500)
            {
                problems.Add($"{(int)response.StatusCode} for {where}");
            }
            else if (response.Content.Headers.ContentType?.MediaType == "text/html" && body.Contains(Script, StringComparison.Ordinal))
            {
                problems.Add($"unencoded script echoed for {where}");
            }
        }

        // Every value once in every field for the first caller allowed in; the values that broke pages before
        // (far dates, empty, huge and non-numbers, NUL, markup) for every other role allowed; and anonymous
        // everywhere (turned away before binding where it is not allowed, but it must not fail either).
        string[] Short(IEnumerable<string> values) => values.Where(v => v.Length < 100 && !v.StartsWith("-1", StringComparison.Ordinal)).Take(12).ToArray();
        var shortList = Short(HostileInUrls.Where(v => v.Contains("0001", StringComparison.Ordinal) || v.Contains("9999", StringComparison.Ordinal)
            || v is "" or "99999999999999999999" or "not-a-guid" or "\u0000" or Script or "2026-02-30"));
        async Task ProbeAsync(GetTarget target, string caller, string[] values, int generated)
        {
            var route = target.RouteValues.ToDictionary(v => v, v => RouteValue(target.Pattern, v, ids));
            await CheckAsync(caller, UrlOf(target, route, []));
            foreach (var field in target.RouteValues.Concat(target.QueryFields))
            {
                // A NUL in the path never reaches the app: Kestrel refuses it with 400 (and the test server cannot send it).
                foreach (var value in values.Where(v => !target.RouteValues.Contains(field) || !v.Contains('\0', StringComparison.Ordinal)))
                {
                    var hostileRoute = target.RouteValues.Contains(field) ? new Dictionary<string, string>(route) { [field] = value } : route;
                    var query = target.RouteValues.Contains(field) ? [] : new[] { KeyValuePair.Create(field, value) };
                    await CheckAsync(caller, UrlOf(target, hostileRoute, query));
                }
            }

            // And every query field hostile at once, generated.
            if (target.QueryFields.Count > 0 && generated > 0)
            {
                await Value.Array[target.QueryFields.Count].SampleAsync(
                    values => CheckAsync(caller, UrlOf(target, route, target.QueryFields.Select((f, i) => KeyValuePair.Create(f, values[i])))),
                    seed: seed, iter: generated, threads: 1);
            }
        }

        foreach (var target in targets)
        {
            var allowed = target.Callers.Skip(1).ToList();
            var anonymousAllowed = access.TryGetValue($"GET {target.Pattern}", out var callers) && callers.Contains("anonymous");
            var first = allowed.FirstOrDefault() ?? "anonymous";
            await Task.WhenAll(target.Callers.Select(caller =>
                caller == first ? ProbeAsync(target, caller, HostileInUrls, 4)
                : caller != "anonymous" || anonymousAllowed ? ProbeAsync(target, caller, shortList, 2)
                : ProbeAsync(target, caller, [], 1)));
        }

        output.WriteLine($"{requests} requests to {targets.Count} GET endpoints, {problems.Count} problems (seed {seed})");
        requests.ShouldBeGreaterThan(targets.Count * HostileInUrls.Length, "every endpoint got every value at least once");
        problems.GroupBy(p => p.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? p[..q] : p).Select(g => $"{g.Key} (x{g.Count()}): {g.First()}")
            .ShouldBeEmpty($"{problems.Count} problems in {requests} requests to {targets.Count} GET endpoints (seed {seed}). "
            + string.Join('\n', App.Log.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)).Select(l => l.Length > 900 ? l[..900] : l).DistinctBy(l => l.Length > 300 ? l[200..300] : l).Take(8)));
    }

    private static string? Message(Page page) =>
        page.Document.QuerySelectorAll(".field-message, .validation-summary-errors, .alert-warning, .alert-danger, .text-danger")
            .Select(e => e.TextContent.Trim()).FirstOrDefault(t => t.Length > 0);

    private static string Describe(string value) => value.Length > 30 ? $"({value.Length} chars)" : $"'{value}'";
}
