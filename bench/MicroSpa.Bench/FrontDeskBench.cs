using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MicroSpa.Bench;

/// <summary>
/// Front desk benchmark data and load: 20 providers with 300 appointments on one day, 50,000 clients;
/// then the day view and client search, signed in as the front desk, over HTTP.
/// </summary>
internal static partial class FrontDeskBench
{
    public const string Email = "bench.desk@microspa.test";
    public const string Password = "Bench!2345";

    /// <summary>Staff sign in with an authenticator code; the bench plays the app with this key.</summary>
    public const string AuthenticatorKey = "BENCHKEYBENCHKEYBENCHKEYBENCHKEY";
    private const int Providers = 20;
    private const int Clients = 50_000;

    public static async Task<int> SeedAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(connectionString);
        await using var db = new MicroSpaDbContext(options.Options);
        await db.Database.MigrateAsync();
        if (await db.Users.AnyAsync(u => u.Email == Email))
        {
            Console.WriteLine("Front desk benchmark data already present.");
            return 0;
        }

        var zone = new ClinicTimeZone("America/New_York");
        var day = zone.Today(DateTimeOffset.UtcNow).AddDays(1);
        var area = new BodyArea("Forehead", BodyRegion.Face, 1);
        var service = new Service("Front desk bench service", "Bench", ServiceKind.Consultation, 30, 0m,
            ProviderCredential.Esthetician | ProviderCredential.Nurse, 0, []);
        var providers = Enumerable.Range(1, Providers).Select(i =>
        {
            var provider = new Provider($"Desk Provider {i:00}", ProviderCredential.Esthetician, true);
            provider.SetWorkingHours(Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours(d, new TimeOnly(8, 0), new TimeOnly(16, 0))));
            return provider;
        }).ToList();
        var rooms = Enumerable.Range(1, Providers).Select(i => new Room($"Desk Room {i:00}")).ToList();
        var user = new ApplicationUser
        {
            UserName = Email, Email = Email, NormalizedEmail = Email.ToUpperInvariant(), NormalizedUserName = Email.ToUpperInvariant(), EmailConfirmed = true,
            DisplayName = "Bench Desk", TwoFactorEnabled = true, SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(user, Password);
        db.AddRange(area, service);
        db.AddRange(providers);
        db.AddRange(rooms);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var role = await db.Roles.SingleAsync(r => r.Name == Roles.FrontDesk);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = AuthenticatorKey });
        await db.SaveChangesAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clientIds = new List<Guid>(Clients);
        string[] first = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mia", "Lucas", "Sophia", "Amelia", "Ethan"];
        string[] last = ["Bennett", "Garcia", "Nguyen", "Okafor", "Rossi", "Kim", "Muller", "Silva", "Dubois", "Haddad"];
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY clients (id, first_name, last_name, email, phone, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Clients; i++)
            {
                var id = Guid.CreateVersion7();
                clientIds.Add(id);
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(first[i % 10], NpgsqlDbType.Varchar);
                await copy.WriteAsync($"{last[i / 10 % 10]}{i}", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"client{i}@bench.test", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"555-{i:000000}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        // 15 half-hour appointments for each of the 20 providers: 300 on the day.
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY appointments (id, client_id, service_id, provider_id, room_id, device_id, starts_at, ends_at, blocked_until,
                               status, source, created_at, status_changed_at, needs_review) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var p = 0; p < Providers; p++)
            {
                for (var slot = 0; slot < 15; slot++)
                {
                    var start = zone.ToInstant(day, new TimeOnly(8, 0).AddMinutes(30 * slot))!.Value;
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(clientIds[(p * 15) + slot], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(service.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(providers[p].Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(rooms[p].Id, NpgsqlDbType.Uuid);
                    await copy.WriteNullAsync();
                    await copy.WriteAsync(start.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(start.AddMinutes(30).UtcDateTime, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(start.AddMinutes(30).UtcDateTime, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("Booked", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("FrontDesk", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"Seeded {Providers} providers with 300 appointments on {day:yyyy-MM-dd} and {Clients} clients.");
        return 0;
    }

    public static async Task<int> LoadAsync(Uri baseUrl, int seconds, int concurrency)
    {
        using var http = await SignedInAsync(baseUrl);
        if (http is null)
        {
            return 1;
        }

        var tomorrow = new ClinicTimeZone("America/New_York").Today(DateTimeOffset.UtcNow).AddDays(1);
        var day = await MeasureAsync(http, seconds, concurrency, _ => $"/front-desk?date={tomorrow:yyyy-MM-dd}", "day view, 20 providers, 300 appointments");
        string[] terms = ["okafor12", "client4711@", "555-0123", "rossi", "ava", "bennett3"];
        var search = await MeasureAsync(http, seconds, concurrency, i => $"/front-desk/clients?q={terms[i % terms.Length]}", "client search over 50,000 clients");
        return day && search ? 0 : 1;
    }

    /// <summary>The bench's front desk, signed in with password and authenticator code; null when that fails.</summary>
    public static async Task<HttpClient?> SignedInAsync(Uri baseUrl)
    {
        try
        {
            return await Measure.SignInAsync(baseUrl, Email, Password, twoFactor: true);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }
    }

    /// <summary>The antiforgery token of the signed-in user (tokens belong to the user, not the form).</summary>
    public static async Task<string> TokenAsync(HttpClient http) => TokenPattern().Match(await http.GetStringAsync("/front-desk/clients")).Groups[1].Value;

    private static async Task<bool> MeasureAsync(HttpClient http, int seconds, int concurrency, Func<int, string> url, string what)
    {
        for (var i = 0; i < 30; i++)
        {
            (await http.GetAsync(url(i))).EnsureSuccessStatusCode();
        }

        var latencies = new List<double>[concurrency];
        var errors = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            for (var i = worker; stop.Elapsed < TimeSpan.FromSeconds(seconds); i += concurrency)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url(i));
                await response.Content.ReadAsByteArrayAsync();
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        double P(double q) => all[Math.Min(all.Count - 1, (int)Math.Ceiling(q * all.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}, {concurrency} concurrent: {all.Count / stop.Elapsed.TotalSeconds:0} req/s; p50 {P(0.5):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms; errors {errors}"));
        return errors == 0;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
