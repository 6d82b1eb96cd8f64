using System.Diagnostics;
using System.Globalization;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MicroSpa.Bench;

/// <summary>
/// A clinic chain's database after years of use (issue #8): 20 providers (10 nurses, 10 estheticians),
/// 8 rooms, 6 devices, 50,000 clients, 200,000 past appointments with 500,000 charted area rows, and
/// 5,000 future ones, all at <c>factor</c> 1. The history, the clients and the far future shrink with
/// the factor; the window every measured request reads stays the same at every factor, so a difference
/// in cost between two factors is the cost of the tables' size alone:
/// tomorrow holds 300 fifteen-minute appointments (15 per provider), and the 14 days of the availability
/// search hold two treatments and two consultations every hour.
/// Small tables go through EF (the domain's own constructors); the big ones through binary COPY.
/// </summary>
internal static class ChainData
{
    public const string FrontDeskEmail = "bench.desk@microspa.test";

    /// <summary>Four desks take payments at once in the checkout benchmark, each its own account (a code works once per account).</summary>
    public const int Desks = 4;
    public const string NurseEmail = "bench.nurse@microspa.test";
    public const string Password = "Bench!2345";
    public const int ClientAccounts = 20;
    public const string TreatmentName = "Bench microneedling";
    public const string ConsultationName = "Bench consultation";

    /// <summary>A consultation that asks a fixed deposit online (issue 18): what the deposit benchmark books.</summary>
    public const string DepositServiceName = "Bench consultation with deposit";
    public const decimal Deposit = 50m;
    public const string TimeZone = "America/New_York";

    private const int FullClients = 50_000;
    private const int FullPastAppointments = 200_000;
    private const int FullChartedAreas = 500_000;
    private const int FutureDays = 98;
    private const int SearchWindowDays = 14;

    public static string ClientEmail(int i) => $"client{i}@bench.test";

    /// <summary>The front desk accounts: desk 0 is <see cref="FrontDeskEmail"/>.</summary>
    public static string DeskEmail(int i) => i == 0 ? FrontDeskEmail : $"bench.desk{i + 1}@microspa.test";

    public static async Task<int> GenerateAsync(string ownerConnectionString, double factor)
    {
        var clock = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(ownerConnectionString);
        await using var db = new MicroSpaDbContext(options.Options);
        if (await db.Services.AnyAsync())
        {
            Console.Error.WriteLine("The database is not empty; the generator fills a fresh one.");
            return 1;
        }

        var zone = new ClinicTimeZone(TimeZone);
        var everyDay = Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0))).ToList();
        var policy = await db.BookingPolicies.SingleAsync();
        policy.SetOpeningHours(everyDay);

        var cheeks = new BodyArea("Cheeks", BodyRegion.Face, 1);
        cheeks.SetDepthRules(new DepthBand(0.5m, 1.0m), 2.0m);
        var forehead = new BodyArea("Forehead", BodyRegion.Face, 2);
        forehead.SetDepthRules(new DepthBand(0.25m, 0.5m), 0.75m);
        var neck = new BodyArea("Neck", BodyRegion.Neck, 3);
        neck.SetDepthRules(new DepthBand(0.5m, 1.5m), 2.5m);
        var jaw = new BodyArea("Jawline and chin", BodyRegion.Face, 4);
        jaw.SetDepthRules(new DepthBand(0.5m, 1.0m), 1.5m);
        BodyArea[] areas = [cheeks, forehead, neck, jaw];
        var treatment = new Service(TreatmentName, "Benchmark treatment", ServiceKind.Treatment, 45, 350m, ProviderCredential.Nurse, 15, [cheeks, forehead]);
        var consultation = new Service(ConsultationName, "Benchmark consultation", ServiceKind.Consultation, 15, 75m,
            ProviderCredential.Esthetician | ProviderCredential.Nurse, 0, []);
        var withDeposit = new Service(DepositServiceName, "Benchmark consultation booked online with a deposit", ServiceKind.Consultation, 15, 75m,
            ProviderCredential.Esthetician | ProviderCredential.Nurse, 0, []);
        withDeposit.SetDeposit(Charge.Create(ChargeKind.Fixed, Deposit, "Deposit"));
        var providers = Enumerable.Range(0, 20).Select(i =>
        {
            var provider = new Provider(
                i < 10 ? $"Nurse {i + 1:00}" : $"Esthetician {i - 9:00}", i < 10 ? ProviderCredential.Nurse : ProviderCredential.Esthetician, true);
            provider.SetWorkingHours(everyDay);
            return provider;
        }).ToList();
        var rooms = Enumerable.Range(1, 8).Select(i => new Room($"Room {i}")).ToList();
        var devices = Enumerable.Range(1, 6).Select(i => new Device($"Pen {i}", "SkinPen Precision", DeviceClass.SkinPenClass, 2.5m, 0.25m)).ToList();
        var serum = new Product("Hyaluronic acid serum", "Hydration", notForNeedledSkin: false);
        RetailItem[] retail =
        [
            new("BENCH-HA-30", "Hyaluronic acid serum 30 ml", 68m, 20), new("BENCH-SPF50", "Mineral sunscreen SPF 50", 38m, 20),
            new("BENCH-KIT", "Post-needling aftercare kit", 95m, 10),
        ];
        var taxes = await db.TaxClasses.ToDictionaryAsync(t => t.Kind);
        taxes[TaxKind.Services].SetRate(ChainInvoices.ServicesTaxPercent);
        taxes[TaxKind.Retail].SetRate(ChainInvoices.RetailTaxPercent);
        db.AddRange(retail);
        db.AddRange(areas);
        db.AddRange(treatment, consultation, withDeposit, serum);
        db.AddRange(providers);
        db.AddRange(rooms);
        db.AddRange(devices);

        // Staff sign in with an authenticator code (the bench computes it); clients with a password.
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password);
        ApplicationUser Account(string email, string name, bool twoFactor) => new()
        {
            UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = name, TwoFactorEnabled = twoFactor, SecurityStamp = Guid.NewGuid().ToString("N"), PasswordHash = hash,
        };
        var desks = Enumerable.Range(0, Desks).Select(i => Account(DeskEmail(i), $"Bench Desk {i + 1}", true)).ToList();
        var desk = desks[0];
        var nurse = Account(NurseEmail, providers[0].DisplayName, true);
        providers[0].LinkAccount(nurse.Id);
        var clientUsers = Enumerable.Range(0, ClientAccounts).Select(i => Account(ClientEmail(i), $"Client {i}", false)).ToList();
        db.Users.AddRange([.. desks, nurse, .. clientUsers]);
        await db.SaveChangesAsync();
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        db.UserRoles.AddRange(desks.Select(d => new IdentityUserRole<Guid> { UserId = d.Id, RoleId = roles[Roles.FrontDesk] }));
        // The first desk is the front desk lead: it reads the reports too (issue 21).
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = desk.Id, RoleId = roles[Roles.Manager] });
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = nurse.Id, RoleId = roles[Roles.Nurse] });
        db.UserRoles.AddRange(clientUsers.Select(u => new IdentityUserRole<Guid> { UserId = u.Id, RoleId = roles[Roles.Client] }));
        foreach (var staff in desks.Append(nurse))
        {
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = staff.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = FrontDeskBench.AuthenticatorKey });
        }

        await db.SaveChangesAsync();

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        var clientCount = Math.Max(ClientAccounts * 5, (int)(FullClients * factor));
        var clients = await ClientsAsync(connection, clientCount, clientUsers);

        var today = zone.Today(DateTimeOffset.UtcNow);
        var charts = new List<(Guid Appointment, Guid Client, Guid Provider, Guid Device, DateTimeOffset At)>();
        var visits = new List<ChainInvoices.Visit>();
        var pastTarget = (int)(FullPastAppointments * factor);
        var future = 0;
        var past = 0;
        var random = new Random(8);
        var areasCopy = new AreaRows();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY appointments (id, client_id, service_id, provider_id, room_id, device_id, starts_at, ends_at, blocked_until,
                               status, source, created_at, status_changed_at, needs_review, price_at_booking) FROM STDIN (FORMAT BINARY)
            """))
        {
            async Task WriteAsync(Guid id, Guid client, Service service, Provider provider, Room room, Device? device, DateTimeOffset start, string status)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(client, NpgsqlDbType.Uuid);
                await copy.WriteAsync(service.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(provider.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(room.Id, NpgsqlDbType.Uuid);
                if (device is null)
                {
                    await copy.WriteNullAsync();
                }
                else
                {
                    await copy.WriteAsync(device.Id, NpgsqlDbType.Uuid);
                }

                await copy.WriteAsync(start.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(start.AddMinutes(service.DurationMinutes).UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(start.AddMinutes(service.DurationMinutes + service.BufferAfterMinutes).UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(status, NpgsqlDbType.Varchar);
                await copy.WriteAsync("FrontDesk", NpgsqlDbType.Varchar);
                await copy.WriteAsync(start.AddDays(-14).UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(start.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(service.Price, NpgsqlDbType.Numeric);
                if (service == treatment)
                {
                    areasCopy.Add(id, cheeks.Id);
                    areasCopy.Add(id, forehead.Id);
                }

                if (status == "Completed" && start < DateTimeOffset.UtcNow)
                {
                    // As the checkout describes the visit: the service and the areas booked.
                    visits.Add(new ChainInvoices.Visit(id, client, service.Id, service == treatment ? $"{service.Name} · {cheeks.Name}, {forehead.Name}" : service.Name,
                        service.Price, provider.Id, start.AddMinutes(service.DurationMinutes)));
                }
            }

            // The past, newest first: every hour, six treatments (one per device and room, by the nurses) and two
            // consultations, 96 a day: 200,000 is almost six years.
            for (var day = 1; past < pastTarget; day++)
            {
                var date = today.AddDays(-day);
                for (var hour = 0; hour < 12 && past < pastTarget; hour++)
                {
                    if (zone.ToInstant(date, new TimeOnly(8 + hour, 0)) is not { } start)
                    {
                        continue;
                    }

                    for (var j = 0; j < 8 && past < pastTarget; j++)
                    {
                        var roll = random.Next(100);
                        var status = roll < 90 ? "Completed" : roll < 96 ? "Cancelled" : "NoShow";
                        var client = clients[random.Next(clients.Count)];
                        var id = Guid.CreateVersion7();
                        if (j < 6)
                        {
                            var provider = providers[(hour + j) % 10];
                            await WriteAsync(id, client, treatment, provider, rooms[j], devices[j], start, status);
                            if (status == "Completed")
                            {
                                charts.Add((id, client, provider.Id, devices[j].Id, start));
                            }
                        }
                        else
                        {
                            await WriteAsync(id, client, consultation, providers[10 + ((hour + j) % 10)], rooms[j], null, start, status);
                        }

                        past++;
                    }
                }
            }

            // Tomorrow: 300 consultations of 15 minutes, 15 per provider, 8 at a time (one per room).
            var tomorrow = today.AddDays(1);
            for (var k = 0; k < 300; k++)
            {
                var start = zone.ToInstant(tomorrow, new TimeOnly(8, 0).AddMinutes(15 * (k / 8)))!.Value;
                await WriteAsync(Guid.CreateVersion7(), clients[random.Next(clients.Count)], consultation, providers[k % 20], rooms[k % 8], null, start, "Booked");
                future++;
            }

            // Then every hour two treatments (nurses, rooms 1-2, pens 1-2) and two consultations (estheticians,
            // rooms 3-4): the availability search has busy nurses, rooms and pens to work around. Past the search
            // window the far future shrinks with the factor. Rooms 5-8 stay free for the booking benchmark.
            for (var day = 2; day <= FutureDays; day++)
            {
                var date = today.AddDays(day);
                for (var hour = 0; hour < 12; hour++)
                {
                    var start = zone.ToInstant(date, new TimeOnly(8 + hour, 0))!.Value;
                    for (var j = 0; j < 4; j++)
                    {
                        if (day > SearchWindowDays && random.NextDouble() >= factor)
                        {
                            continue;
                        }

                        var client = clients[random.Next(clients.Count)];
                        if (j < 2)
                        {
                            await WriteAsync(Guid.CreateVersion7(), client, treatment, providers[((2 * hour) + j) % 10], rooms[j], devices[j], start, "Booked");
                        }
                        else
                        {
                            await WriteAsync(Guid.CreateVersion7(), client, consultation, providers[10 + (((2 * hour) + j) % 10)], rooms[j], null, start, "Booked");
                        }

                        future++;
                    }
                }
            }

            await copy.CompleteAsync();
        }

        await areasCopy.WriteAsync(connection);

        var chartedAreas = await ChartsAsync(connection, charts, (int)(FullChartedAreas * factor), areas, serum);
        var (plans, scores) = await ChainPlans.WriteAsync(connection, treatment.Id, [.. areas.Select(a => a.Id)], desk.Id);
        var money = await ChainInvoices.WriteAsync(connection, visits, [.. providers.Select(p => p.Id)], retail, taxes[TaxKind.Services], taxes[TaxKind.Retail], desk.Id, zone, today);
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection))
        {
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated (factor {factor}): 20 providers, 8 rooms, 6 devices, {clients.Count:N0} clients, {past:N0} past and {future:N0} future appointments, " +
            $"{charts.Count:N0} signed charts with {chartedAreas:N0} charted areas ({plans:N0} treatment plans of 3 sessions, {scores:N0} progress scores; a commission rule per provider), {money.Paid + money.Open:N0} invoices ({money.Paid:N0} paid, {money.Open:N0} issued and open " +
            $"for the checkout benchmark; {money.WithRetail:N0} with retail, {money.WithTip:N0} with a tip) with {money.LedgerEntries:N0} ledger entries, in {clock.Elapsed.TotalSeconds:0} s."));
        return 0;
    }

    private static async Task<List<Guid>> ClientsAsync(NpgsqlConnection connection, int count, List<ApplicationUser> accounts)
    {
        string[] first = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mia", "Lucas", "Sophia", "Amelia", "Ethan", "Chloe", "Mateo"];
        string[] last = ["Bennett", "Garcia", "Nguyen", "Okafor", "Rossi", "Kim", "Muller", "Silva", "Dubois", "Haddad", "Novak", "Tanaka"];
        var ids = new List<Guid>(count);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY clients (id, first_name, last_name, email, phone, user_id, created_at) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            await copy.StartRowAsync();
            await copy.WriteAsync(id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(first[i % first.Length], NpgsqlDbType.Varchar);
            await copy.WriteAsync($"{last[i / first.Length % last.Length]}{i}", NpgsqlDbType.Varchar);
            await copy.WriteAsync(ClientEmail(i), NpgsqlDbType.Varchar);
            await copy.WriteAsync($"555-{i:000000}", NpgsqlDbType.Varchar);
            if (i < accounts.Count)
            {
                await copy.WriteAsync(accounts[i].Id, NpgsqlDbType.Uuid);
            }
            else
            {
                await copy.WriteNullAsync();
            }

            await copy.WriteAsync(DateTime.UtcNow.AddDays(-(count - i) / 30.0), NpgsqlDbType.TimestampTz);
        }

        await copy.CompleteAsync();
        return ids;
    }

    private static async Task<int> ChartsAsync(
        NpgsqlConnection connection, List<(Guid Appointment, Guid Client, Guid Provider, Guid Device, DateTimeOffset At)> charts, int areaTarget, BodyArea[] areas, Product serum)
    {
        var ids = new List<Guid>(charts.Count);
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY treatment_records (id, appointment_id, client_id, provider_id, status, created_at, updated_at, indications, numbing_agent,
                                    numbing_occluded, device_id, cartridge_needles, cartridge_lot, cartridge_expiry, notes, screening_acknowledged,
                                    signed_at, signed_by_name, awaiting_co_signature) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var chart in charts)
            {
                var id = Guid.CreateVersion7();
                ids.Add(id);
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(chart.Appointment, NpgsqlDbType.Uuid);
                await copy.WriteAsync(chart.Client, NpgsqlDbType.Uuid);
                await copy.WriteAsync(chart.Provider, NpgsqlDbType.Uuid);
                await copy.WriteAsync("Signed", NpgsqlDbType.Varchar);
                await copy.WriteAsync(chart.At.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(chart.At.AddHours(1).UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(new[] { "Acne scars", "Texture" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync("Lidocaine 23% / tetracaine 7%", NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(chart.Device, NpgsqlDbType.Uuid);
                await copy.WriteAsync(12, NpgsqlDbType.Integer);
                await copy.WriteAsync($"LOT{chart.At:yyMM}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(DateOnly.FromDateTime(chart.At.UtcDateTime.AddYears(2)), NpgsqlDbType.Date);
                await copy.WriteAsync("Tolerated well.", NpgsqlDbType.Varchar);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(chart.At.AddHours(1).UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(NurseEmail, NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
            }

            await copy.CompleteAsync();
        }

        // Spread the charted areas over the charts: two to four each, as many as the target asks.
        var written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY charted_areas (treatment_record_id, body_area_id, area_name, depth_mm, passes, product_id, product_name, product_lot, endpoint, reaction)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var c = 0; c < ids.Count && written < areaTarget; c++)
            {
                var remainingCharts = ids.Count - c;
                var count = Math.Clamp((int)Math.Round((areaTarget - written) / (double)remainingCharts), 1, areas.Length);
                for (var a = 0; a < count; a++)
                {
                    var area = areas[a];
                    await copy.StartRowAsync();
                    await copy.WriteAsync(ids[c], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(area.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(area.Name, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(area.Band!.MinMm, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(3, NpgsqlDbType.Integer);
                    await copy.WriteAsync(serum.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(serum.Name, NpgsqlDbType.Varchar);
                    await copy.WriteAsync("HA-2291", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("Erythema", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("Mild redness", NpgsqlDbType.Varchar);
                    written++;
                }
            }

            await copy.CompleteAsync();
        }

        return written;
    }

    /// <summary>The appointments' body areas, written after the appointments (the join rows point at them).</summary>
    private sealed class AreaRows
    {
        private readonly List<(Guid Appointment, Guid Area)> _rows = [];

        public void Add(Guid appointment, Guid area) => _rows.Add((appointment, area));

        public async Task WriteAsync(NpgsqlConnection connection)
        {
            await using var copy = await connection.BeginBinaryImportAsync("COPY appointment_body_areas (appointment_id, body_area_id) FROM STDIN (FORMAT BINARY)");
            foreach (var (appointment, area) in _rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(appointment, NpgsqlDbType.Uuid);
                await copy.WriteAsync(area, NpgsqlDbType.Uuid);
            }

            await copy.CompleteAsync();
            _rows.Clear();
        }
    }
}
