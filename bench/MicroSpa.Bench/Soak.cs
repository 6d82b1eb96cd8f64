using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace MicroSpa.Bench;

/// <summary>
/// The randomized soak (issue #7): concurrent workers book, move and cancel at random through the real
/// app for a bounded time, then one SQL query looks for any two active appointments that overlap on a
/// provider, a room or a device. It must find none, and no request may answer 5xx.
/// </summary>
internal static class Soak
{
    public const string OverlapsSql = """
        SELECT count(*) FROM appointments a JOIN appointments b ON a.id < b.id
        WHERE a.status NOT IN ('Cancelled', 'NoShow') AND b.status NOT IN ('Cancelled', 'NoShow')
          AND tstzrange(a.starts_at, a.blocked_until, '[)') && tstzrange(b.starts_at, b.blocked_until, '[)')
          AND (a.provider_id = b.provider_id OR a.room_id = b.room_id OR a.device_id = b.device_id)
        """;

    public static async Task<int> RunAsync(Uri baseUrl, string connectionString, int seconds, int workers)
    {
        List<Guid> clients, providers;
        Guid serviceId;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            clients = await IdsAsync(connection, "SELECT id FROM clients ORDER BY random() LIMIT 2000");
            providers = await IdsAsync(connection, "SELECT id FROM providers WHERE display_name LIKE 'Desk Provider%'");
            serviceId = (await IdsAsync(connection, "SELECT id FROM services WHERE name = 'Front desk bench service'")).Single();
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(2);
        var booked = new ConcurrentBag<Guid>();
        var counts = new ConcurrentDictionary<string, int>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            using var http = await FrontDeskBench.SignedInAsync(baseUrl) ?? throw new InvalidOperationException("Sign-in failed.");
            var token = await FrontDeskBench.TokenAsync(http);
            var random = new Random(worker);
            while (stop.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var roll = random.Next(100);
                var start = RandomStart(random, firstDay, zone);
                string operation;
                HttpResponseMessage response;
                if (roll < 55 || booked.IsEmpty)
                {
                    operation = "book";
                    response = await PostAsync(http, "/front-desk/book", token, new()
                    {
                        ["ClientId"] = clients[random.Next(clients.Count)].ToString(), ["ServiceId"] = serviceId.ToString(),
                        ["ProviderId"] = providers[random.Next(providers.Count)].ToString(), ["start"] = Format(start), ["OverrideInterval"] = "true",
                    });
                    if (response.Headers.Location?.OriginalString is { } location && location.StartsWith("/front-desk/appointments/", StringComparison.Ordinal))
                    {
                        booked.Add(Guid.Parse(location.Split('/')[3]));
                    }
                }
                else
                {
                    var id = booked.ElementAt(random.Next(booked.Count));
                    var version = await VersionAsync(connectionString, id);
                    if (roll < 80)
                    {
                        operation = "move";
                        response = await PostAsync(http, $"/front-desk/appointments/{id}/reschedule", token, new()
                        {
                            ["Start"] = Format(start), ["ProviderId"] = providers[random.Next(providers.Count)].ToString(), ["Version"] = version,
                        });
                    }
                    else
                    {
                        operation = "cancel";
                        response = await PostAsync(http, $"/front-desk/appointments/{id}/status", token, new()
                        {
                            ["Action"] = "cancel", ["Reason"] = "Clinic", ["Version"] = version,
                        });
                    }
                }

                var outcome = (int)response.StatusCode >= 500 ? "5xx" : response.StatusCode is HttpStatusCode.Redirect ? "done or told" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                counts.AddOrUpdate($"{operation} {outcome}", 1, (_, n) => n + 1);
                response.Dispose();
            }
        }));

        long overlaps, active;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var check = new NpgsqlCommand(OverlapsSql, connection);
            overlaps = (long)(await check.ExecuteScalarAsync())!;
            await using var count = new NpgsqlCommand("SELECT count(*) FROM appointments WHERE status NOT IN ('Cancelled', 'NoShow')", connection);
            active = (long)(await count.ExecuteScalarAsync())!;
        }

        foreach (var (key, value) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"{key,-28} {value,8}");
        }

        var errors = counts.Where(c => c.Key.EndsWith("5xx", StringComparison.Ordinal)).Sum(c => c.Value);
        Console.WriteLine($"requests {counts.Values.Sum()} in {seconds}s by {workers} workers; active appointments {active}; overlapping pairs {overlaps}; 5xx {errors}");
        return overlaps == 0 && errors == 0 ? 0 : 1;
    }

    private static DateTimeOffset RandomStart(Random random, DateOnly firstDay, TimeZoneInfo zone)
    {
        var day = firstDay.AddDays(random.Next(3));
        var local = day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(15 * random.Next(28));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string Format(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        using var content = new FormUrlEncodedContent(fields);
        return await http.PostAsync(url, content);
    }

    private static async Task<string> VersionAsync(string connectionString, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xmin::text FROM appointments WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<Guid>> IdsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
