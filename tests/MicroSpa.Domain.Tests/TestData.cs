using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests;

/// <summary>Builders for domain objects with sensible defaults; tests override what they are about.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 4, 14, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The author of the history lines the tests' changes write.</summary>
    public static readonly ChangedBy By = new(Guid.Parse("0193e1a0-0000-7000-8000-000000000001"), "frontdesk@microspa.test");

    public static BodyArea Area(string name = "Cheeks", decimal min = 0.5m, decimal max = 1.0m)
    {
        var area = new BodyArea(name, BodyRegion.Face);
        area.SetDepthRules(new DepthBand(min, max), max);
        return area;
    }

    public static Service Facial(params BodyArea[] areas) =>
        new("Microneedling — face", "Collagen induction for the face.", ServiceKind.Treatment, 75, 350m,
            ProviderCredential.Esthetician | ProviderCredential.Nurse, 15, areas.Length > 0 ? areas : [Area()]);

    public static Provider Esthetician(bool bookable = true) => new("Maya Lopez", ProviderCredential.Esthetician, bookable);

    public static Client Client() => new("Ada", "Client", "ada@example.com", "555-0100", Now);

    public static Device SkinPen() => new("SkinPen 1", "SkinPen Precision", DeviceClass.SkinPenClass, 2.5m, 0.25m);

    public static Service Consultation() =>
        new("Consultation", "A skin assessment and a plan. No needling.", ServiceKind.Consultation, 30, 0m,
            ProviderCredential.Esthetician | ProviderCredential.Nurse, 0, []);

    public static Appointment BookedConsultation() =>
        Appointment.Book(Client(), Consultation(), Esthetician(), new Room("Room 1"), null, [], Now.AddDays(1), BookingSource.FrontDesk, Now, By);

    public static Appointment Booked(DateTimeOffset? startsAt = null)
    {
        var area = Area();
        return Appointment.Book(Client(), Facial(area), Esthetician(), new Room("Room 1"), SkinPen(), [area],
            startsAt ?? Now.AddDays(1), BookingSource.Online, Now, By);
    }

    public static readonly ConsentForm ConsentV1 = new(1, "Microneedling consent", "Risks and aftercare.", Now.AddYears(-1));

    /// <summary>A first version of the screening questions, a few of DOMAIN.md's: hard stops, reviews, a washout.</summary>
    public static readonly ScreeningQuestionnaire Questions = new(1,
    [
        new("isotretinoin", "Are you taking isotretinoin, or did you stop it less than {washout} ago?", ScreeningSeverity.HardStop,
            "Isotretinoin slows skin healing.", 6, WashoutUnit.Months),
        new("keloid", "Do you form keloids or raised scars?", ScreeningSeverity.HardStop, "Needling may trigger new raised scars."),
        new("pregnant", "Are you pregnant or breastfeeding?", ScreeningSeverity.HardStop, "Treatment is postponed."),
        new("bleeding", "Do you have a bleeding disorder?", ScreeningSeverity.HardStop, "Needling causes pinpoint bleeding."),
        new("sunburn", "Have you had sunburn or a tan in the last 2 weeks?", ScreeningSeverity.HardStop, "The skin must recover first."),
        new("anticoagulant", "Do you take blood thinners?", ScreeningSeverity.NeedsReview, "Your provider will check bleeding risk with you."),
        new("fitzpatrick", "Does your skin tan easily and rarely burn?", ScreeningSeverity.NeedsReview, "Darker skin types need adapted depths."),
        new("skincare", "Do you use a daily skincare routine?", ScreeningSeverity.Clear, string.Empty),
    ], Now.AddYears(-1), null, null);

    /// <summary>Answers to every screening question: all "no" unless named.</summary>
    public static Dictionary<string, bool> Answers(params string[] yes) =>
        Questions.Questions.ToDictionary(q => q.Code, q => yes.Contains(q.Code));

    /// <summary>The client screens and signs the current consent at check-in, as the tablet does.</summary>
    public static (Screening Screening, ConsentSignature Consent) GiveIntake(Appointment appointment, DateTimeOffset? at = null, params string[] yes)
    {
        var when = at ?? Now;
        var screening = Screening.Record(appointment.ClientId, Questions, Answers(yes), when);
        appointment.RecordCheckInScreening(screening, By);
        var consent = ConsentSignature.Sign(appointment.Client!, ConsentV1, appointment.Client!.FullName, false, when, "::1", "tablet");
        appointment.RecordCheckInConsent(consent, By);
        return (screening, consent);
    }

    /// <summary>The gate of a visit that was given a clear screening and the current consent.</summary>
    public static TreatmentGate OpenGate(Appointment appointment, DateTimeOffset? at = null)
    {
        var (screening, consent) = GiveIntake(appointment, at);
        return TreatmentGate.For(appointment, appointment.Service!, screening, consent, ConsentV1.Version, Questions.Version, 30, [], at ?? Now, DateOnly.FromDateTime((at ?? Now).UtcDateTime));
    }
}
