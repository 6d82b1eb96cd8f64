using MicroSpa.Data;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Tests.Shared;

/// <summary>Builds the clinic data a test needs, straight into the test database.</summary>
public sealed class TestClinic
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public required BodyArea Cheeks { get; init; }
    public required Service Facial { get; init; }
    public required Provider Esthetician { get; init; }
    public required Provider OtherEsthetician { get; init; }
    public required Room RoomOne { get; init; }
    public required Room RoomTwo { get; init; }
    public required Device SkinPen { get; init; }
    public required Device Dermapen { get; init; }
    public required Client Client { get; init; }
    public required Service Consultation { get; init; }

    /// <summary>The clinic's zone in the tests (the app's default configuration).</summary>
    public static readonly ClinicTimeZone Zone = new("America/New_York");

    /// <summary>The author of the history lines test data writes through the domain.</summary>
    public static readonly ChangedBy By = new(null, "Tests");

    /// <summary>The codes of the screening questions every clinic starts with (version 1, inserted by the migration), in the order asked.</summary>
    public static readonly IReadOnlyList<string> ScreeningCodes =
    [
        "isotretinoin", "active-skin", "infection", "keloid", "pregnant", "bleeding", "healing", "immune", "lesions", "allergy", "sunburn",
        "anticoagulant", "cold-sores", "autoimmune", "retinoids", "injectables", "peel-laser", "tattoo", "fitzpatrick",
    ];

    /// <summary>A day a few days ahead, when everyone works 8:00–20:00.</summary>
    public static DateOnly Day => Zone.Today(DateTimeOffset.UtcNow).AddDays(3);

    /// <summary>
    /// A start a few minutes from now, on today's date in the clinic (check-in opens only on the day): ten
    /// minutes ahead, or two minutes ago when ten minutes ahead would already be tomorrow.
    /// </summary>
    public static DateTimeOffset SoonToday()
    {
        var now = DateTimeOffset.UtcNow;
        var start = Zone.Today(now.AddMinutes(10)) == Zone.Today(now) ? now.AddMinutes(10) : now.AddMinutes(-2);
        return new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    public static DateTimeOffset At(int hour, int minute = 0, DateOnly? day = null) =>
        Zone.ToInstant(day ?? Day, new TimeOnly(hour, minute))!.Value;

    public static async Task<TestClinic> CreateAsync(TestDatabase database)
    {
        var cheeks = new BodyArea("Cheeks", BodyRegion.Face, 1);
        cheeks.SetDepthRules(new DepthBand(0.5m, 1.0m), 2.0m);
        var clinic = new TestClinic
        {
            Cheeks = cheeks,
            Facial = new Service("Microneedling — face", "Face treatment", ServiceKind.Treatment, 60, 350m,
                ProviderCredential.Esthetician | ProviderCredential.Nurse, 15, [cheeks]),
            Esthetician = new Provider("Maya Lopez", ProviderCredential.Esthetician, bookable: true),
            OtherEsthetician = new Provider("Sofia Chen", ProviderCredential.Esthetician, bookable: true),
            RoomOne = new Room("Room 1"),
            RoomTwo = new Room("Room 2"),
            SkinPen = new Device("SkinPen 1", "SkinPen Precision", DeviceClass.SkinPenClass, 2.5m, 0.25m),
            Dermapen = new Device("Dermapen 1", "Dermapen 4", DeviceClass.DermapenClass, 3.0m, 0.1m),
            Client = new Client("Test", "Client", "test.client@example.com", null, Now),
            Consultation = new Service("Consultation", "Talk first", ServiceKind.Consultation, 30, 0m,
                ProviderCredential.Esthetician | ProviderCredential.Nurse, 0, []),
        };
        var everyDay = Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0))).ToList();
        clinic.Esthetician.SetWorkingHours(everyDay);
        clinic.OtherEsthetician.SetWorkingHours(everyDay);

        await using var db = database.CreateContext();
        db.AddRange(clinic.Cheeks, clinic.Facial, clinic.Esthetician, clinic.OtherEsthetician, clinic.RoomOne, clinic.RoomTwo,
            clinic.SkinPen, clinic.Dermapen, clinic.Client, clinic.Consultation);
        await db.SaveChangesAsync();
        return clinic;
    }

    /// <summary>Books through the domain and saves through EF, the way the app does.</summary>
    public async Task<Appointment> BookAsync(TestDatabase database, DateTimeOffset start, Provider? provider = null, Room? room = null, Device? device = null)
    {
        await using var db = database.CreateContext();
        db.AttachRange(Client, Facial, Cheeks, provider ?? Esthetician, room ?? RoomOne, device ?? SkinPen);
        var appointment = Appointment.Book(Client, Facial, provider ?? Esthetician, room ?? RoomOne, device ?? SkinPen, [Cheeks],
            start, BookingSource.FrontDesk, Now, By);
        db.Appointments.Add(appointment);
        WithoutHistory(db);
        await db.SaveChangesAsync();
        return appointment;
    }

    /// <summary>
    /// The client answers the screening (all "no" unless named) and signs the current consent for this visit, as on
    /// the check-in tablet: what the treatment gate needs before a treatment starts or a chart is signed.
    /// </summary>
    public static async Task<TreatmentGate> GiveIntakeAsync(
        MicroSpaDbContext db, Appointment appointment, DateTimeOffset? at = null, bool photoConsent = true, IReadOnlyCollection<string>? yes = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(appointment);
        var when = at ?? DateTimeOffset.UtcNow;
        var client = appointment.Client ?? await db.Clients.SingleAsync(c => c.Id == appointment.ClientId);
        var service = appointment.Service ?? await db.Services.SingleAsync(s => s.Id == appointment.ServiceId);
        var form = await db.ConsentForms.OrderByDescending(f => f.Version).FirstAsync();
        var policy = await db.BookingPolicies.SingleAsync();
        var questions = await db.ScreeningQuestionnaires.AsNoTracking().OrderByDescending(q => q.Version).FirstAsync();
        var answers = questions.Questions.ToDictionary(q => q.Code, q => yes?.Contains(q.Code) == true);
        var screening = Screening.Record(client.Id, questions, answers, when);
        var consent = ConsentSignature.Sign(client, form, client.FullName, photoConsent, when, "127.0.0.1", "tests");
        appointment.RecordCheckInScreening(screening, By);
        appointment.RecordCheckInConsent(consent, By);
        WithoutHistory(db);
        db.Screenings.Add(screening);
        db.ConsentSignatures.Add(consent);
        return TreatmentGate.For(appointment, service, screening, consent, form.Version, questions.Version, policy.ScreeningValidDays, [], when, Zone.Today(when));
    }

    /// <summary>Gives this visit its screening and consent, saved (see the overload above).</summary>
    public static async Task GiveIntakeAsync(TestDatabase database, Guid appointmentId, params string[] yes)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateContext();
        var appointment = await db.Appointments.SingleAsync(a => a.Id == appointmentId);
        await GiveIntakeAsync(db, appointment, null, yes: yes);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The builders' appointments arrive without history lines (as they did before the appointment wrote its own):
    /// the tests count the lines that the use cases they drive write.
    /// </summary>
    private static void WithoutHistory(MicroSpaDbContext db)
    {
        foreach (var line in db.ChangeTracker.Entries<AppointmentEvent>().Where(e => e.State == EntityState.Added).ToList())
        {
            line.State = EntityState.Detached;
        }
    }
}
