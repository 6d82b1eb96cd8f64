using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MicroSpa.Bench;

/// <summary>
/// The benchmark data: 10 providers, 6 rooms, 4 devices and 20,000 appointments (most in the
/// past, the next 14 days about half full), written with COPY rather than one row at a time.
/// </summary>
internal static class Seeder
{
    private const int Providers = 10;
    private const int Rooms = 6;
    private const int Devices = 4;
    private const int Appointments = 20_000;
    private const int Clients = 2_000;

    public static async Task<int> RunAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(connectionString);
        await using var db = new MicroSpaDbContext(options.Options);
        await db.Database.MigrateAsync();
        if (await db.Services.AnyAsync())
        {
            Console.WriteLine("Benchmark data already present.");
            return 0;
        }

        var zone = new ClinicTimeZone("America/New_York");
        var area = new BodyArea("Cheeks", BodyRegion.Face, 1);
        area.SetDepthRules(new DepthBand(0.5m, 1.0m), 2.0m);
        var service = new Service("Microneedling — face", "Benchmark service", ServiceKind.Treatment, 60, 350m,
            ProviderCredential.Esthetician | ProviderCredential.Nurse, 15, [area]);
        var providers = Enumerable.Range(1, Providers).Select(i =>
        {
            var provider = new Provider($"Provider {i}", i % 3 == 0 ? ProviderCredential.Nurse : ProviderCredential.Esthetician, true);
            provider.SetWorkingHours(Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0))));
            return provider;
        }).ToList();
        var rooms = Enumerable.Range(1, Rooms).Select(i => new Room($"Room {i}")).ToList();
        var devices = Enumerable.Range(1, Devices).Select(i => new Device($"Pen {i}", "SkinPen Precision", DeviceClass.SkinPenClass, 2.5m, 0.25m)).ToList();
        db.AddRange(area, service);
        db.AddRange(providers);
        db.AddRange(rooms);
        db.AddRange(devices);
        await db.SaveChangesAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clientIds = new List<Guid>(Clients);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY clients (id, first_name, last_name, email, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Clients; i++)
            {
                var id = Guid.CreateVersion7();
                clientIds.Add(id);
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync($"Client{i}", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Bench", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"client{i}@bench.test", NpgsqlDbType.Varchar);
                await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        // Nine 75-minute blocks a day (8:00–19:15). In the past, four appointments per block (every device busy);
        // in the next 14 days two per block, so the availability search has work to do.
        var today = zone.Today(DateTimeOffset.UtcNow);
        var written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY appointments (id, client_id, service_id, provider_id, room_id, device_id, starts_at, ends_at, blocked_until,
                               status, source, created_at, status_changed_at, needs_review) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var offset = 14; written < Appointments; offset--)
            {
                var date = today.AddDays(offset);
                var perBlock = offset > 0 ? 2 : 4;
                for (var block = 0; block < 9 && written < Appointments; block++)
                {
                    if (zone.ToInstant(date, new TimeOnly(8, 0).AddMinutes(75 * block)) is not { } start)
                    {
                        continue;
                    }

                    for (var k = 0; k < perBlock && written < Appointments; k++)
                    {
                        var status = offset > 0 ? "Booked" : "Completed";
                        await copy.StartRowAsync();
                        await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                        await copy.WriteAsync(clientIds[written % Clients], NpgsqlDbType.Uuid);
                        await copy.WriteAsync(service.Id, NpgsqlDbType.Uuid);
                        var provider = providers[(((block + (k * 3) + offset) % Providers) + Providers) % Providers];
                        await copy.WriteAsync(provider.Id, NpgsqlDbType.Uuid);
                        await copy.WriteAsync(rooms[k].Id, NpgsqlDbType.Uuid);
                        await copy.WriteAsync(devices[k].Id, NpgsqlDbType.Uuid);
                        await copy.WriteAsync(start.UtcDateTime, NpgsqlDbType.TimestampTz);
                        await copy.WriteAsync(start.AddMinutes(60).UtcDateTime, NpgsqlDbType.TimestampTz);
                        await copy.WriteAsync(start.AddMinutes(75).UtcDateTime, NpgsqlDbType.TimestampTz);
                        await copy.WriteAsync(status, NpgsqlDbType.Varchar);
                        await copy.WriteAsync("Online", NpgsqlDbType.Varchar);
                        await copy.WriteAsync(start.AddDays(-7).UtcDateTime, NpgsqlDbType.TimestampTz);
                        await copy.WriteAsync(start.UtcDateTime, NpgsqlDbType.TimestampTz);
                        await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                        written++;
                    }
                }
            }

            await copy.CompleteAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"Seeded {Providers} providers, {Rooms} rooms, {Devices} devices, {Clients} clients, {written} appointments.");
        return 0;
    }
}
