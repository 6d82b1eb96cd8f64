using MicroSpa.Data;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Tests.Shared;

/// <summary>What a client's records archive is checked against (web and browser tests of ClientRecords).</summary>
public static class RecordsSeed
{
    public const string Reaction = "Mild erythema, settled in 10 minutes";
    public const string Notes = "Client asked about \"downtime\"; =HYPERLINK(\"x\") typed by mistake";

    public sealed record Seeded(
        TestClinic Clinic, Client Client, Appointment Treated, Appointment Cancelled, Guid ChartId, Guid AftercareId, ConsentSignature Consent,
        ConsentForm Form, Screening Screening, Guid PhotoId, byte[] PhotoBytes, Guid OtherChartId, Guid OtherPhotoId, byte[] OtherPhotoBytes, Guid PlanId);

    /// <summary>
    /// One client with a treated visit (screening, consent with photo consent, a signed chart with a serum and its lot, an
    /// aftercare plan, a progress score, a before photo) and a cancelled one; another client (the clinic's own test
    /// client) with a signed chart and a photo of their own.
    /// </summary>
    public static async Task<Seeded> SeedAsync(TestDatabase database, Guid clientId)
    {
        var clinic = await TestClinic.CreateAsync(database);
        var now = DateTimeOffset.UtcNow;
        var serum = new Product("Hyaluronic acid serum", "Hydration after needling", notForNeedledSkin: false);
        await using var db = database.CreateContext();
        db.Products.Add(serum);
        db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.RoomOne, clinic.RoomTwo, clinic.SkinPen, clinic.Dermapen, clinic.Client);
        var mine = await db.Clients.SingleAsync(c => c.Id == clientId);
        var treated = Appointment.Book(mine, clinic.Facial, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks], TestClinic.At(10), BookingSource.Online, now, TestClinic.By);
        var cancelled = Appointment.Book(mine, clinic.Facial, clinic.Esthetician, clinic.RoomTwo, clinic.Dermapen, [clinic.Cheeks], TestClinic.At(15), BookingSource.Online, now, TestClinic.By);
        var theirs = Appointment.Book(clinic.Client, clinic.Facial, clinic.Esthetician, clinic.RoomTwo, clinic.Dermapen, [clinic.Cheeks], TestClinic.At(12), BookingSource.FrontDesk, now, TestClinic.By);
        db.Appointments.AddRange(treated, cancelled, theirs);
        await db.SaveChangesAsync();
        cancelled.Cancel(CancellationReason.ClientRequest, "Travelling", TimeSpan.Zero, now, TestClinic.By);

        async Task<(TreatmentRecord Chart, TreatmentGate Gate)> SignAsync(Appointment appointment, Device device, decimal depth, string lot)
        {
            appointment.CheckIn(now, TestClinic.By);
            var gate = await TestClinic.GiveIntakeAsync(db, appointment, now, photoConsent: true);
            var record = TreatmentRecord.Open(appointment, now);
            var areas = new Dictionary<Guid, BodyArea> { [clinic.Cheeks.Id] = clinic.Cheeks };
            var products = new Dictionary<Guid, Product> { [serum.Id] = serum };
            record.SaveDraft(
                new ChartEntry(FitzpatrickType.III, "Even tone, mild texture", ["acne scars"], "Lidocaine 23%", now.AddMinutes(-40), now.AddMinutes(-10), true,
                    device.Id, 12, lot, DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)), Notes,
                    [new AreaEntry(clinic.Cheeks.Id, depth, 4, serum.Id, "HA-2291", ClinicalEndpoint.Both, Reaction, null)]),
                areas, products, now);
            record.Sign(gate, BeforePhotos.For(0, false, record, []), areas, device, products, TestClinic.Day, Guid.NewGuid(), "Maya Lopez", now);
            db.TreatmentRecords.Add(record);
            return (record, gate);
        }

        var (chart, _) = await SignAsync(treated, clinic.SkinPen, 0.75m, "CART-7781");
        var (otherChart, _) = await SignAsync(theirs, clinic.Dermapen, 0.6m, "CART-OTHER-1");
        var plan = new AftercarePlan(chart, [
            new AftercarePlanItem(AftercareKind.Expect, "Redness for 24 to 48 hours.", null),
            new AftercarePlanItem(AftercareKind.Avoid, "No makeup until tomorrow evening.", now.AddHours(24)),
        ], now);
        db.AftercarePlans.Add(plan);
        var score = ProgressScore.For(chart.Id, mine.Id, clinic.Cheeks.Id, clinic.Cheeks.Name, ProgressScale.GoodmanBaron, now);
        score.ScoreByProvider(3, now);
        score.RateByClient(2, now);
        db.ProgressScores.Add(score);
        byte[] photoBytes = [0xFF, 0xD8, 0xFF, 0xE0, .. RandomNumbers(50_000, 1), 0xFF, 0xD9];
        byte[] otherBytes = [0xFF, 0xD8, 0xFF, 0xE0, .. RandomNumbers(20_000, 2), 0xFF, 0xD9];
        var photo = Photo.Record(mine.Id, chart.Id, clinic.Cheeks.Id, clinic.Cheeks.Name, PhotoKind.Before, "image/jpeg", 40, 30, photoBytes.Length, null, "Maya Lopez", now);
        var otherPhoto = Photo.Record(clinic.Client.Id, otherChart.Id, clinic.Cheeks.Id, clinic.Cheeks.Name, PhotoKind.Before, "image/jpeg", 40, 30, otherBytes.Length, null, "Maya Lopez", now);
        db.Photos.AddRange(photo, otherPhoto);
        db.PhotoContents.AddRange(new PhotoContent { PhotoId = photo.Id, Bytes = photoBytes }, new PhotoContent { PhotoId = otherPhoto.Id, Bytes = otherBytes });
        var plan2 = TreatmentPlan.Create(mine.Id, clinic.Esthetician.Id, clinic.Facial.Id, Indication.AcneScars, [clinic.Cheeks.Id], 4, 42, 12, TestClinic.Day, now);
        db.TreatmentPlans.Add(plan2);
        var today = TestClinic.Zone.Today(now);
        db.MedicalClearances.Add(MedicalClearance.Clear(mine.Id, new Examiner(null, "Dr. Helen Park", ExaminerCredential.MD, "NY"), today, ExamMode.Video,
            [clinic.Facial.Id], "acne scars", "none known", today.AddMonths(12), Guid.NewGuid(), "Dr. Helen Park", today, now));
        await db.SaveChangesAsync();

        var consent = await db.ConsentSignatures.AsNoTracking().SingleAsync(s => s.ClientId == mine.Id);
        var form = await db.ConsentForms.AsNoTracking().SingleAsync(f => f.Version == consent.FormVersion);
        var screening = await db.Screenings.AsNoTracking().SingleAsync(s => s.ClientId == mine.Id);
        return new Seeded(clinic, mine, treated, cancelled, chart.Id, plan.Id, consent, form, screening, photo.Id, photoBytes, otherChart.Id, otherPhoto.Id, otherBytes, plan2.Id);
    }

    private static byte[] RandomNumbers(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
