using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Infrastructure.Seeding;

/// <summary>
/// Fills an empty database with a demo clinic: staff, rooms, devices, body areas with the depth bands
/// of DOMAIN.md, a service menu, working hours, about 20 clients, two weeks of appointments around
/// today, and the money of the last two past days (retail stock, paid checkouts, a closed day: DemoCheckouts), and
/// four treatment plans under way with signed, scored sessions for the outcome report (DemoOutcomes).
/// Does nothing when the clinic already has services, so a second run keeps the data.
/// </summary>
internal sealed class DemoClinicSeeder(
    MicroSpaDbContext db,
    UserManager<ApplicationUser> users,
    ClinicTimeZone zone,
    TimeProvider clock,
    ClinicMoney money,
    ILogger<DemoClinicSeeder> logger)
{
    public const string DemoPassword = "Demo!2345";

    /// <summary>
    /// The authenticator key of every demo staff account (two-factor sign-in is on for them, as for all
    /// staff). Published in the README for trying the demo; in Development the code page shows the code.
    /// </summary>
    public const string DemoAuthenticatorKey = "DEMOKEYSDEMOKEYSDEMOKEYSDEMOKEYS";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        // One unit: a failure part-way leaves no half clinic, and a retry after an unknown commit finds the
        // services and stops.
        var seeded = await db.InTransactionAsync(SeedOnceAsync, committed: null, cancellationToken);
        if (seeded is null)
        {
            logger.LogInformation("The demo clinic is already there; nothing seeded");
            return;
        }

        logger.LogInformation("Seeded the demo clinic: {Services} services, {Clients} clients", seeded.Value.Services, seeded.Value.Clients);
    }

    private async Task<(int Services, int Clients)?> SeedOnceAsync(CancellationToken cancellationToken)
    {
        if (await db.Services.AnyAsync(cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var areas = BodyAreas();
        db.BodyAreas.AddRange(areas.Values);

        var rooms = new[] { new Room("Treatment room 1"), new Room("Treatment room 2"), new Room("Treatment room 3") };
        db.Rooms.AddRange(rooms);
        var skinPen = new Device("SkinPen 1", "SkinPen Precision", DeviceClass.SkinPenClass, 2.5m, 0.25m);
        var dermapen = new Device("Dermapen 1", "Dermapen 4", DeviceClass.DermapenClass, 3.0m, 0.1m);
        db.Devices.AddRange(skinPen, dermapen);

        var services = Services(areas);
        db.Services.AddRange(services);

        // The serum catalog (DOMAIN.md): what goes on needled skin, and what must never (flagged).
        db.Products.AddRange(
            new Product("Hyaluronic acid serum", "Hydration", notForNeedledSkin: false),
            new Product("Growth factor serum", "Regeneration", notForNeedledSkin: false),
            new Product("Exosome serum", "Regeneration", notForNeedledSkin: false),
            new Product("Peptide complex", "Anti-aging", notForNeedledSkin: false),
            new Product("Vitamin C 20%", "Brightening (not on needled skin)", notForNeedledSkin: true),
            new Product("Glycolic acid 10%", "Exfoliation (not on needled skin)", notForNeedledSkin: true),
            new Product("Retinol 0.5%", "Resurfacing (not on needled skin)", notForNeedledSkin: true));

        // The demo clinic: Monday to Friday 9:00–19:00, Saturday 10:00–18:00, closed on Sunday.
        var policy = await db.BookingPolicies.SingleAsync(cancellationToken);
        policy.SetOpeningHours(Hours([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], 9, 19)
            .Concat(Hours([DayOfWeek.Saturday], 10, 18)));

        await StaffAsync("Clinic Admin", "admin@microspa.test", Roles.Admin, null, false, []);
        var desk = await CreateUserAsync("Front Desk", "frontdesk@microspa.test", Roles.FrontDesk);
        await users.AddToRoleAsync(await CreateUserAsync("Desk Lead", "desklead@microspa.test", Roles.FrontDesk), Roles.Manager);
        var weekdays = Hours([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], 9, 17);
        var maya = await StaffAsync("Maya Lopez", "maya.esthetician@microspa.test", Roles.Esthetician, ProviderCredential.Esthetician, true, weekdays);
        var sofia = await StaffAsync("Sofia Chen", "sofia.esthetician@microspa.test", Roles.Esthetician, ProviderCredential.Esthetician, true,
            Hours([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday], 10, 18));
        var nina = await StaffAsync("Nina Patel, RN", "nina.nurse@microspa.test", Roles.Nurse, ProviderCredential.Nurse, true,
            Hours([DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday], 10, 18));
        await StaffAsync("Dr. Elena Ward", "director@microspa.test", Roles.MedicalDirector, ProviderCredential.Nurse, false, []);

        var clients = await ClientsAsync(now);
        db.Clients.AddRange(clients);

        var consent = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
        var questions = await db.ScreeningQuestionnaires.AsNoTracking().OrderByDescending(q => q.Version).FirstAsync(cancellationToken);
        Appointments(now, clients, services, [(maya!, rooms[0]), (sofia!, rooms[1]), (nina!, rooms[2])], [skinPen, dermapen],
            (appointment, client, at) => Intake(appointment, client, consent, questions, at));
        await PaymentsAsync(now, clients[1], services, maya!, rooms[0], cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await new DemoCheckouts(db, zone, money.Currency, desk.Id).SeedAsync([.. db.Appointments.Local], now, cancellationToken);
        new DemoOutcomes(db, zone).Seed(now, clients, services, areas, maya!, nina!, rooms, skinPen, dermapen, consent, questions);
        await db.SaveChangesAsync(cancellationToken);
        return (services.Count, clients.Count);
    }

    private static Dictionary<string, BodyArea> BodyAreas()
    {
        var list = new List<BodyArea>();

        BodyArea Add(string name, BodyRegion region, decimal? min = null, decimal? max = null, decimal? hardMax = null)
        {
            var area = new BodyArea(name, region, list.Count + 1);
            if (min is { } lo && max is { } hi)
            {
                area.SetDepthRules(new DepthBand(lo, hi), hardMax);
            }

            list.Add(area);
            return area;
        }

        // Bands from DOMAIN.md "Needle depth by body area": defaults the medical director can edit.
        Add("Forehead", BodyRegion.Face, 0.25m, 0.5m, 0.75m);
        Add("Under-eye", BodyRegion.Face, 0.2m, 0.3m, 0.3m);
        Add("Nose", BodyRegion.Face, 0.25m, 0.5m, 0.75m);
        Add("Cheeks", BodyRegion.Face, 0.5m, 1.0m, 2.0m);
        Add("Upper lip", BodyRegion.Face, 0.25m, 0.5m, 0.5m);
        Add("Jawline and chin", BodyRegion.Face, 0.5m, 1.0m, 1.5m);
        Add("Eyelids", BodyRegion.Face).MarkNeverTreat();
        Add("Neck", BodyRegion.Neck, 0.5m, 1.5m, 2.5m);
        Add("Chest", BodyRegion.Chest);
        Add("Scalp", BodyRegion.Scalp, 0.5m, 1.5m, 2.5m).SetMinimumInterval(7);
        Add("Abdomen", BodyRegion.Torso, 1.0m, 2.5m, 2.5m);
        Add("Thighs and buttocks", BodyRegion.Legs, 1.5m, 2.5m, 2.5m);
        Add("Back", BodyRegion.Back, 0.25m, 2.0m, 2.5m);
        Add("Arms", BodyRegion.Arms);
        Add("Back of hands", BodyRegion.Hands);
        return list.ToDictionary(a => a.Name);
    }

    private static List<Service> Services(Dictionary<string, BodyArea> areas)
    {
        var face = new[] { "Forehead", "Under-eye", "Nose", "Cheeks", "Upper lip", "Jawline and chin" }.Select(n => areas[n]).ToList();
        var anyone = ProviderCredential.Esthetician | ProviderCredential.Nurse;
        var list = new List<Service>
        {
            new("Microneedling — face",
                "Collagen induction for fine lines, acne scars, texture and sun damage. Numbing cream included.",
                ServiceKind.Treatment, 75, 350m, anyone, 15, face),
            new("Microneedling — face and neck",
                "The face treatment extended to the neck, where lines and crepey skin show early.",
                ServiceKind.Treatment, 90, 450m, anyone, 15, [.. face, areas["Neck"]]),
            new("Microneedling — neck and chest",
                "For crepey skin, lines and sun damage on the neck and décolleté.",
                ServiceKind.Treatment, 75, 400m, anyone, 15, [areas["Neck"], areas["Chest"]]),
            new("Scalp microneedling",
                "For thinning hair (androgenetic alopecia), usually as a weekly series. Performed by a nurse.",
                ServiceKind.Treatment, 60, 300m, ProviderCredential.Nurse, 15, [areas["Scalp"]]),
            new("Stretch marks — abdomen",
                "Deeper needling for red or white stretch marks and surgical scars. Performed by a nurse.",
                ServiceKind.Treatment, 75, 425m, ProviderCredential.Nurse, 15, [areas["Abdomen"]]),
            new("Microneedling — arms",
                "For crepey skin, scars and stretch marks on the upper arms.",
                ServiceKind.Treatment, 60, 325m, anyone, 15, [areas["Arms"]]),
            new("Maintenance session — face",
                "One session every 6 to 12 months keeps the results of a completed series.",
                ServiceKind.Treatment, 60, 300m, anyone, 15, face),
            new("Consultation",
                "A skin assessment and a treatment plan with a provider. No needling.",
                ServiceKind.Consultation, 30, 0m, anyone, 0, []),
        };
        for (var i = 0; i < list.Count; i++)
        {
            list[i].PlaceAt(i + 1);
        }

        return list;
    }

    private static List<WorkingHours> Hours(DayOfWeek[] days, int from, int to) =>
        days.Select(d => new WorkingHours(d, new TimeOnly(from, 0), new TimeOnly(to, 0))).ToList();

    private async Task<Provider?> StaffAsync(
        string name, string email, string role, ProviderCredential? credential, bool bookable, List<WorkingHours> hours)
    {
        var user = await CreateUserAsync(name, email, role);
        if (credential is not { } value)
        {
            return null;
        }

        var provider = new Provider(name, value, bookable);
        provider.LinkAccount(user.Id);
        provider.SetWorkingHours(hours);
        db.Providers.Add(provider);
        return provider;
    }

    private async Task<ApplicationUser> CreateUserAsync(string name, string email, string role)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, DemoPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
        if (Roles.Staff.Contains(role))
        {
            await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", DemoAuthenticatorKey);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return user;
    }

    private async Task<List<Client>> ClientsAsync(DateTimeOffset now)
    {
        string[] first = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mia", "Lucas", "Sophia", "Amelia", "Ethan",
            "Harper", "Aria", "James", "Chloe", "Grace", "Zoe", "Leo", "Nora", "Isla", "Hannah"];
        string[] last = ["Bennett", "Garcia", "Nguyen", "Okafor", "Rossi", "Kim", "Müller", "Silva", "Dubois", "Haddad",
            "Johansson", "Kowalski", "Tanaka", "Murphy", "Cohen", "Singh", "Moreau", "Ivanova", "Ali", "Larsen"];
        var clients = new List<Client>();
        for (var i = 0; i < first.Length; i++)
        {
            var email = i switch { 0 => "olivia.client@example.com", 1 => "liam.client@example.com", _ => $"{first[i].ToLowerInvariant()}.{i}@example.com" };
            var client = new Client(first[i], last[i], email, $"555-01{i:00}", now);
            if (i == 0)
            {
                // One client has a portal account for the demo.
                var user = await CreateUserAsync(client.FullName, email, Roles.Client);
                client.LinkAccount(user.Id);
            }

            clients.Add(client);
        }

        return clients;
    }

    /// <summary>Two weeks around today: past days completed (with a no-show and a cancellation), future days booked.</summary>
    private void Appointments(
        DateTimeOffset now,
        List<Client> clients,
        List<Service> services,
        (Provider Provider, Room Room)[] chairs,
        Device[] devices,
        Action<Appointment, Client, DateTimeOffset> intake)
    {
        var today = zone.Today(now);
        var clientIndex = 0;
        // Start times per chair, staggered so the two devices are never needed by three people at once.
        TimeOnly[][] starts =
        [
            [new(9, 0), new(13, 0)],
            [new(10, 30), new(14, 30)],
            [new(11, 0), new(15, 30)],
        ];

        for (var offset = -7; offset <= 7; offset++)
        {
            var date = today.AddDays(offset);
            for (var chair = 0; chair < chairs.Length; chair++)
            {
                var (provider, room) = chairs[chair];
                foreach (var time in starts[chair])
                {
                    if (!provider.WorkingHours.Any(h => h.Day == date.DayOfWeek && h.Start <= time && time < h.End)
                        || zone.ToInstant(date, time) is not { } start)
                    {
                        continue;
                    }

                    var candidates = services.Where(s => s.CanBePerformedBy(provider)).ToList();
                    var service = candidates[(clientIndex + offset + 7) % candidates.Count];
                    var device = service.NeedsDevice ? devices[chair % 2 == 0 ? 0 : 1] : null;
                    var areas = service.BodyAreas.Take(3).ToList();
                    var client = clients[clientIndex++ % clients.Count];
                    var bookedAt = start < now ? start.AddDays(-10) : now;
                    var appointment = Appointment.Book(client, service, provider, room, device, areas, start,
                        clientIndex % 3 == 0 ? BookingSource.FrontDesk : BookingSource.Online, bookedAt, Seeded);

                    // Every needling visit that was treated, and every one booked online, comes with the screening
                    // and consent a real visit has (the chart cannot be signed without them). Future phone
                    // bookings are left without, for the check-in tablet.
                    var treated = start + service.Duration < now;
                    if (service.Kind == ServiceKind.Treatment && (treated || appointment.Source == BookingSource.Online))
                    {
                        intake(appointment, client, bookedAt);
                    }

                    if (treated)
                    {
                        FinishInThePast(appointment, clientIndex);
                    }

                    db.Appointments.Add(appointment);
                }
            }
        }
    }

    /// <summary>
    /// The clinic's payment rules for trying online payments (docs/payments.md, 'Try it in the demo'): the face treatment
    /// takes a $50 deposit and the abdomen 20 % of its price; no record waives it; after a no-show a card on file is asked
    /// for a service without a deposit; a no-show costs $75 and a late cancellation half the price. Liam (a second portal
    /// account) missed a consultation last week, so the rule asks him for a card. They apply only with Stripe keys, which
    /// scripts/run.sh gives the demo (the stand-in's); without keys nothing is asked, as before.
    /// </summary>
    private async Task PaymentsAsync(DateTimeOffset now, Client liam, List<Service> services, Provider provider, Room room, CancellationToken cancellationToken)
    {
        services.Single(s => s.Name == "Microneedling — face").SetDeposit(Domain.Billing.Charge.Create(Domain.Billing.ChargeKind.Fixed, 50m, "Deposit"));
        services.Single(s => s.Name == "Stretch marks — abdomen").SetDeposit(Domain.Billing.Charge.Create(Domain.Billing.ChargeKind.Percent, 20m, "Deposit"));
        (await db.BillingSettings.SingleAsync(cancellationToken)).SetPaymentRules(new Domain.Billing.PaymentRules(
            waiveForCleanRecord: false, recordMonths: 12, requireAfterNoShow: true, lateCancellationsBeforeRequired: 2, Domain.Billing.Safeguard.CardOnFile,
            cancellationFee: Domain.Billing.Charge.Create(Domain.Billing.ChargeKind.Percent, 50m, "CancellationFee"),
            noShowFee: Domain.Billing.Charge.Create(Domain.Billing.ChargeKind.Fixed, 75m, "NoShowFee")));

        var user = await CreateUserAsync(liam.FullName, liam.Email!, Roles.Client);
        liam.LinkAccount(user.Id);

        // The missed consultation: the latest weekday before today that the provider works, at 16:30 (the chairs' own
        // visits end by 15:00 in that room), no device.
        var today = zone.Today(now);
        var consultation = services.Single(s => s.Kind == ServiceKind.Consultation);
        var day = Enumerable.Range(1, 7).Select(d => today.AddDays(-d))
            .First(d => provider.WorkingHours.Any(h => h.Day == d.DayOfWeek && h.Start <= new TimeOnly(16, 30) && new TimeOnly(17, 0) <= h.End));
        var start = zone.ToInstant(day, new TimeOnly(16, 30)) ?? throw new InvalidOperationException("16:30 does not exist on a working day.");
        var missed = Appointment.Book(liam, consultation, provider, room, null, [], start, BookingSource.Online, start.AddDays(-5), Seeded);
        missed.MarkNoShow(start.AddMinutes(20), Seeded);
        db.Appointments.Add(missed);
    }

    /// <summary>The author of the seeded appointments' history lines.</summary>
    private static readonly ChangedBy Seeded = new(null, "Demo data");

    /// <summary>A clear screening (every answer "no") and a signature of the current consent, given when the visit was booked.</summary>
    private void Intake(Appointment appointment, Client client, ConsentForm consent, ScreeningQuestionnaire questions, DateTimeOffset at)
    {
        var answers = questions.Questions.ToDictionary(q => q.Code, _ => false);
        var screening = Screening.Record(client.Id, questions, answers, at);
        var signature = ConsentSignature.Sign(client, consent, client.FullName, photoConsent: true, at, "127.0.0.1", "demo seed");
        appointment.RecordCheckInScreening(screening, Seeded);
        appointment.RecordCheckInConsent(signature, Seeded);
        db.Screenings.Add(screening);
        db.ConsentSignatures.Add(signature);
    }

    private void FinishInThePast(Appointment appointment, int index)
    {
        switch (index % 11)
        {
            case 4:
                appointment.MarkNoShow(appointment.StartsAt.AddMinutes(20), Seeded);
                break;
            case 7:
                appointment.Cancel(CancellationReason.ClientRequest, null, db.BookingPolicies.Local.Single().CancellationCutoff, appointment.StartsAt.AddDays(-2), Seeded);
                break;
            default:
                appointment.CheckIn(appointment.StartsAt.AddMinutes(-10), Seeded);
                appointment.StartTreatment(Gate(appointment), appointment.StartsAt, Seeded);
                appointment.Complete(appointment.EndsAt, Seeded);
                break;
        }
    }

    /// <summary>The treatment gate of a seeded visit, from the screening and consent the seed gave it (still in this unit of work).</summary>
    private TreatmentGate Gate(Appointment appointment)
    {
        var screening = db.Screenings.Local.SingleOrDefault(s => s.Id == appointment.ScreeningId);
        var consent = db.ConsentSignatures.Local.SingleOrDefault(c => c.Id == appointment.ConsentSignatureId);
        var policy = db.BookingPolicies.Local.Single();
        return TreatmentGate.For(appointment, appointment.Service!, screening, consent, consent?.FormVersion ?? 0,
            screening?.QuestionnaireVersion ?? 0, policy.ScreeningValidDays, [],
            appointment.StartsAt, zone.Today(appointment.StartsAt));
    }
}

internal static class DemoClinicSeederExtensions
{
    public static async Task SeedDemoClinicAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DemoClinicSeeder>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
    }
}
