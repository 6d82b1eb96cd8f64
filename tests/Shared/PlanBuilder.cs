using MicroSpa.Data;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Tests.Shared;

/// <summary>
/// Builds treatment plans with their sessions for the reports' tests: each session a checked-in facial on the cheeks at its
/// own hour, with intake, and a chart signed (or left a draft) linked to the plan, scored by the provider and rated by the
/// client when asked.
/// </summary>
public sealed class PlanBuilder(MicroSpaDbContext db, TestClinic clinic)
{
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly Product _serum = new("Hyaluronic acid serum", "Hydration after needling", notForNeedledSkin: false);
    private int _hour = 8;
    private bool _attached;

    public async Task<Client> ClientAsync(string first, string last, bool optedOut = false)
    {
        await AttachAsync();
        var client = new Client(first, last, $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@example.com", "555-01" + (10 + _hour), _now);
        client.SetReminderPreference(optOut: optedOut);
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client;
    }

    /// <summary>A client made elsewhere (signed in through the pages, or the clinic's own), read into this builder's context.</summary>
    public async Task<Client> ExistingClientAsync(Guid clientId)
    {
        await AttachAsync();
        return await db.Clients.FindAsync(clientId) ?? throw new InvalidOperationException("No such client.");
    }

    public async Task<TreatmentPlan> PlanAsync(Client client, Indication indication, DateOnly startsOn, int sessions, int maintenanceMonths = 6)
    {
        ArgumentNullException.ThrowIfNull(client);
        var plan = TreatmentPlan.Create(client.Id, clinic.Esthetician.Id, clinic.Facial.Id, indication, [clinic.Cheeks.Id], sessions, 28, maintenanceMonths, startsOn, _now);
        db.TreatmentPlans.Add(plan);
        await db.SaveChangesAsync();
        return plan;
    }

    /// <summary>A visit with no chart (a facial outside any plan), booked 14 days ahead and checked in 5 minutes before its start unless told not to.</summary>
    public async Task<Appointment> VisitAsync(Client client, DateOnly day, bool checkIn = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        var start = TestClinic.At((_hour++ % 10) + 8, 0, day);
        var appointment = Appointment.Book(client, clinic.Facial, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks],
            start, BookingSource.FrontDesk, start.AddDays(-14), TestClinic.By);
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        if (checkIn)
        {
            appointment.CheckIn(start.AddMinutes(-5), TestClinic.By);
            await db.SaveChangesAsync();
        }

        return appointment;
    }

    /// <summary>A session of the plan on that day: the chart signed unless <paramref name="sign"/> is false.</summary>
    /// <param name="plan">The plan the session counts in.</param>
    /// <param name="client">The plan's client.</param>
    /// <param name="day">The clinic day of the session.</param>
    /// <param name="sign">False leaves the chart a draft.</param>
    /// <param name="depth">The depth charted on the cheeks.</param>
    /// <param name="score">The provider's score on the plan's scale, if any.</param>
    /// <param name="rating">The client's own rating, if any.</param>
    public async Task SessionAsync(TreatmentPlan plan, Client client, DateOnly day, bool sign = true, decimal depth = 0.75m, int? score = null, int? rating = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var appointment = await VisitAsync(client, day);
        var gate = await TestClinic.GiveIntakeAsync(db, appointment, appointment.StartsAt.AddHours(-1), photoConsent: true);
        var record = TreatmentRecord.Open(appointment, _now);
        var areas = new Dictionary<Guid, BodyArea> { [clinic.Cheeks.Id] = clinic.Cheeks };
        var products = new Dictionary<Guid, Product> { [_serum.Id] = _serum };
        record.SaveDraft(
            new ChartEntry(FitzpatrickType.III, null, [], "Lidocaine 23%", _now.AddMinutes(-40), _now.AddMinutes(-10), true,
                clinic.SkinPen.Id, 12, "CART-1", day.AddYears(1), null,
                [new AreaEntry(clinic.Cheeks.Id, depth, 4, _serum.Id, "HA-1", ClinicalEndpoint.Both, null, null)]),
            areas, products, _now);
        if (sign)
        {
            record.Sign(gate, BeforePhotos.For(0, false, record, []), areas, clinic.SkinPen, products, day, Guid.NewGuid(), "Maya Lopez", _now);
        }

        db.TreatmentRecords.Add(record);
        db.PlanSessions.Add(new PlanSession(plan.Id, record.Id));
        if (score is not null || rating is not null)
        {
            var progress = ProgressScore.For(record.Id, client.Id, clinic.Cheeks.Id, clinic.Cheeks.Name, ProgressScore.ScaleFor(plan.Indication), _now);
            if (score is { } s)
            {
                progress.ScoreByProvider(s, _now);
            }

            if (rating is { } r)
            {
                progress.RateByClient(r, _now);
            }

            db.ProgressScores.Add(progress);
        }

        await db.SaveChangesAsync();
    }

    private async Task AttachAsync()
    {
        if (_attached)
        {
            return;
        }

        db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen);
        db.Add(_serum);
        await db.SaveChangesAsync();
        _attached = true;
    }
}
