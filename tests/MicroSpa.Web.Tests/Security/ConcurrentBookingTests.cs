using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Security;

/// <summary>Many people booking the same times at once, on two app instances sharing one database.</summary>
[StartFirst]
public sealed class ConcurrentBookingTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>Pairs of active appointments that overlap on a provider, a room or a device: must always be none.</summary>
    public const string OverlapsSql = """
        SELECT count(*) FROM appointments a JOIN appointments b ON a.id < b.id
        WHERE a.status NOT IN ('Cancelled', 'NoShow') AND b.status NOT IN ('Cancelled', 'NoShow')
          AND tstzrange(a.starts_at, a.blocked_until, '[)') && tstzrange(b.starts_at, b.blocked_until, '[)')
          AND (a.provider_id = b.provider_id OR a.room_id = b.room_id OR a.device_id = b.device_id)
        """;

    /// <summary>
    /// A desk whose requests may queue behind all the others: hundreds at once on two cores (and beside the other
    /// test classes) can take longer than HttpClient's 100 seconds without anything being wrong. A hang still
    /// fails the test, after ten minutes.
    /// </summary>
    private static WebSession Desk(WebApplicationFactory<Program> instance)
    {
        var client = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromMinutes(10);
        return new WebSession(client);
    }

    [Fact]
    public async Task Two_hundred_front_desk_bookings_of_four_times_on_two_instances_book_exactly_four_and_never_overlap()
    {
        const int attempts = 200;
        var clinic = await TestClinic.CreateAsync(Database);
        var slots = new[] { TestClinic.At(9), TestClinic.At(11), TestClinic.At(13), TestClinic.At(15) };
        var clients = Enumerable.Range(0, attempts).Select(i => new Client($"Caller{i}", "Race", $"caller{i}@example.com", null, DateTimeOffset.UtcNow)).ToList();
        await using (var db = Database.CreateContext())
        {
            db.Clients.AddRange(clients);
            await db.SaveChangesAsync();
        }

        await using var second = App.WithWebHostBuilder(_ => { });
        var instances = new WebApplicationFactory<Program>[] { App, second };
        var desks = new List<(WebSession Session, Page Form)>();
        foreach (var instance in instances)
        {
            var desk = await AccountFlows.SignedInStaffAsync(App, () => Desk(instance), Roles.FrontDesk);
            var form = await desk.GetAsync($"/front-desk/book?clientId={clients[0].Id}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&providerId={clinic.Esthetician.Id}&date={TestClinic.Day:yyyy-MM-dd}");
            form.Status.ShouldBe(HttpStatusCode.OK);
            desks.Add((desk, form));
        }

        var results = await Task.WhenAll(Enumerable.Range(0, attempts).Select(i => Task.Run(async () =>
        {
            var (desk, form) = desks[i % desks.Count];
            return await desk.PostAsync(form, "/front-desk/book", new Dictionary<string, string>
            {
                ["ClientId"] = clients[i].Id.ToString(),
                ["ServiceId"] = clinic.Facial.Id.ToString(),
                ["AreaIds"] = clinic.Cheeks.Id.ToString(),
                ["ProviderId"] = clinic.Esthetician.Id.ToString(),
                ["start"] = TimeGrid.Format(slots[i / desks.Count % slots.Length]),
            });
        })));

        results.Where(r => (int)r.Status >= 500).Select(r => $"{(int)r.Status}").ShouldBeEmpty(
            string.Join('\n', App.Log.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)).Take(3)));
        results.Count(r => r.Status == HttpStatusCode.Redirect && r.Location!.StartsWith("/front-desk/appointments/", StringComparison.Ordinal)).ShouldBe(slots.Length);
        await using var check = Database.CreateContext();
        (await check.Appointments.CountAsync()).ShouldBe(slots.Length);
        (await check.Appointments.Select(a => a.StartsAt).OrderBy(s => s).ToListAsync()).ShouldBe(slots);
        (await check.Database.SqlQueryRaw<long>(OverlapsSql).ToListAsync()).ShouldBe([0L]);
    }

    [Fact]
    public async Task Two_desks_booking_one_time_for_two_providers_at_the_same_moment_both_get_a_room_and_a_pen()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var times = Enumerable.Range(0, 9).Select(i => TestClinic.At(8).AddMinutes(75 * i)).ToList();
        var clients = Enumerable.Range(0, times.Count * 2).Select(i => new Client($"Pair{i}", "Race", $"pair{i}@example.com", null, DateTimeOffset.UtcNow)).ToList();
        await using (var db = Database.CreateContext())
        {
            db.Clients.AddRange(clients);
            await db.SaveChangesAsync();
        }

        await using var second = App.WithWebHostBuilder(_ => { });
        var desks = new List<(WebSession Session, Page Form)>();
        foreach (var instance in new WebApplicationFactory<Program>[] { App, second })
        {
            var desk = await AccountFlows.SignedInStaffAsync(App, () => Desk(instance), Roles.FrontDesk);
            desks.Add((desk, await desk.GetAsync($"/front-desk/book?clientId={clients[0].Id}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}")));
        }

        // Each time, both desks at once: one books Maya, the other Sofia. Both pick the first free room and pen;
        // the one PostgreSQL refuses picks again among what is left.
        var results = new List<Page>();
        for (var t = 0; t < times.Count; t++)
        {
            results.AddRange(await Task.WhenAll(desks.Select((desk, d) => Task.Run(() => desk.Session.PostAsync(desk.Form, "/front-desk/book", new Dictionary<string, string>
            {
                ["ClientId"] = clients[(2 * t) + d].Id.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
                ["ProviderId"] = (d == 0 ? clinic.Esthetician : clinic.OtherEsthetician).Id.ToString(), ["start"] = TimeGrid.Format(times[t]),
            })))));
        }

        results.Select(r => r.Location ?? r.Status.ToString()).ShouldAllBe(l => l.StartsWith("/front-desk/appointments/", StringComparison.Ordinal));
        await using var check = Database.CreateContext();
        (await check.Appointments.CountAsync()).ShouldBe(times.Count * 2);
        (await check.Database.SqlQueryRaw<long>(OverlapsSql).ToListAsync()).ShouldBe([0L]);
    }

    [Fact]
    public async Task Two_desks_moving_two_providers_appointments_to_one_time_at_the_same_moment_both_get_a_room_and_a_pen()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        const int Pairs = 4;
        var moves = new List<(Appointment First, Appointment Second, DateTimeOffset To)>();
        await using (var db = Database.CreateContext())
        {
            db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.OtherEsthetician, clinic.RoomOne, clinic.RoomTwo, clinic.SkinPen, clinic.Dermapen);
            for (var i = 0; i < Pairs; i++)
            {
                var from = TestClinic.At(8).AddMinutes(75 * i);
                var pair = new[] { (clinic.Esthetician, clinic.RoomOne, clinic.SkinPen), (clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen) }
                    .Select((resources, n) =>
                    {
                        var client = new Client($"Move{i}{n}", "Race", $"move{i}{n}@example.com", null, DateTimeOffset.UtcNow);
                        db.Clients.Add(client);
                        return Appointment.Book(client, clinic.Facial, resources.Item1, resources.Item2, resources.Item3, [clinic.Cheeks], from, BookingSource.FrontDesk, TestClinic.Now, TestClinic.By);
                    })
                    .ToList();
                db.Appointments.AddRange(pair);
                moves.Add((pair[0], pair[1], TestClinic.At(8).AddMinutes(75 * (i + Pairs))));
            }

            await db.SaveChangesAsync();
        }

        await using var second = App.WithWebHostBuilder(_ => { });
        var desks = new List<(WebSession Session, Page Day)>();
        foreach (var instance in new WebApplicationFactory<Program>[] { App, second })
        {
            var desk = await AccountFlows.SignedInStaffAsync(App, () => Desk(instance), Roles.FrontDesk);
            desks.Add((desk, await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}")));
        }

        // Each time, both desks at once move one provider's appointment to the same quarter hour: both pick the
        // first free room and pen; the one PostgreSQL refuses picks again among what is left.
        var results = new List<Page>();
        foreach (var (first, secondMove, to) in moves)
        {
            var pair = new[] { (first, clinic.Esthetician), (secondMove, clinic.OtherEsthetician) };
            var versions = new uint[pair.Length];
            await using (var db = Database.CreateContext())
            {
                for (var d = 0; d < pair.Length; d++)
                {
                    versions[d] = (await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == pair[d].Item1.Id)).Version;
                }
            }

            results.AddRange(await Task.WhenAll(desks.Select((desk, d) => Task.Run(() => desk.Session.PostAsync(desk.Day, $"/front-desk/appointments/{pair[d].Item1.Id}/reschedule",
                new Dictionary<string, string>
                {
                    ["Start"] = TimeGrid.Format(to), ["ProviderId"] = pair[d].Item2.Id.ToString(),
                    ["Version"] = versions[d].ToString(System.Globalization.CultureInfo.InvariantCulture),
                })))));
        }

        results.Select(r => r.Location ?? r.Status.ToString()).ShouldAllBe(l => l.StartsWith("/front-desk/appointments/", StringComparison.Ordinal) && !l.Contains("/reschedule"));
        await using var check = Database.CreateContext();
        foreach (var (first, secondMove, to) in moves)
        {
            var moved = await check.Appointments.Where(a => a.Id == first.Id || a.Id == secondMove.Id).ToListAsync();
            moved.ShouldAllBe(a => a.StartsAt == to);
            moved.Select(a => a.RoomId).Distinct().Count().ShouldBe(2, "each got a room of its own");
        }

        (await check.Database.SqlQueryRaw<long>(OverlapsSql).ToListAsync()).ShouldBe([0L]);
    }
}
