namespace MicroSpa.Domain.Intake;

public enum ScreeningSeverity
{
    /// <summary>Cannot self-book needling; book a consultation instead.</summary>
    HardStop = 1,

    /// <summary>May book; the provider reviews before treating.</summary>
    NeedsReview = 2,
}

public enum ScreeningOutcome
{
    Clear = 1,
    NeedsReview = 2,
    HardStop = 3,
}

/// <param name="Code">Stable key stored with the answers.</param>
/// <param name="Text">The question the client reads.</param>
/// <param name="Severity">What a "yes" does to an online booking.</param>
/// <param name="Explanation">Why a "yes" matters, in plain words, shown when it stops or flags a booking.</param>
public sealed record ScreeningQuestion(string Code, string Text, ScreeningSeverity Severity, string Explanation);

/// <summary>The pre-treatment health questions of DOMAIN.md ("Screening before treatment"), versioned.</summary>
public static class ScreeningQuestionnaire
{
    public const int Version = 1;

    public static IReadOnlyList<ScreeningQuestion> Questions(int isotretinoinWashoutMonths) =>
    [
        new("isotretinoin", $"Are you taking isotretinoin (Accutane), or did you stop it less than {isotretinoinWashoutMonths} months ago?",
            ScreeningSeverity.HardStop, "Isotretinoin slows skin healing; needling must wait until the clinic's washout period has passed."),
        new("active-skin", "Do you have active acne, a rosacea flare, eczema or psoriasis in the area to be treated?",
            ScreeningSeverity.HardStop, "Needling inflamed skin can spread it and scar; the area must be calm first."),
        new("infection", "Do you have an active skin infection or a cold sore right now?",
            ScreeningSeverity.HardStop, "Needling can spread an active infection or cold sore."),
        new("keloid", "Do you form keloids or raised (hypertrophic) scars?",
            ScreeningSeverity.HardStop, "Needling may trigger new raised scars."),
        new("pregnant", "Are you pregnant or breastfeeding?",
            ScreeningSeverity.HardStop, "Treatment is postponed during pregnancy and breastfeeding."),
        new("bleeding", "Do you have a bleeding disorder?",
            ScreeningSeverity.HardStop, "Needling causes pinpoint bleeding that must stop normally."),
        new("healing", "Do you have uncontrolled diabetes or wounds that heal poorly?",
            ScreeningSeverity.HardStop, "The treatment relies on normal wound healing."),
        new("immune", "Are you immunosuppressed, or having chemotherapy or radiotherapy?",
            ScreeningSeverity.HardStop, "A weakened immune system raises the risk of infection."),
        new("lesions", "Do you have skin cancer, raised moles or warts in the area to be treated?",
            ScreeningSeverity.HardStop, "These must not be needled and need a clinician's assessment."),
        new("allergy", "Are you allergic to numbing creams (lidocaine) or to stainless steel or nickel?",
            ScreeningSeverity.HardStop, "The treatment uses a numbing cream and steel needles."),
        new("sunburn", "Have you had sunburn or a tan in the last 2 weeks, or used self-tanner in the last 48 hours?",
            ScreeningSeverity.HardStop, "Sun-damaged or tanned skin must recover before needling."),
        new("anticoagulant", "Do you take blood thinners or antiplatelet medication (e.g. warfarin, aspirin, clopidogrel)?",
            ScreeningSeverity.NeedsReview, "Your provider will check bleeding risk with you."),
        new("cold-sores", "Have you ever had cold sores?",
            ScreeningSeverity.NeedsReview, "Your provider may recommend an antiviral before treatment."),
        new("autoimmune", "Do you have an autoimmune disease?",
            ScreeningSeverity.NeedsReview, "Your provider will review how your skin may respond."),
        new("retinoids", "Have you used retinoids or exfoliating acids on the area in the last 5 days?",
            ScreeningSeverity.NeedsReview, "These make the skin more sensitive to needling."),
        new("injectables", "Have you had Botox or fillers in the last 2 weeks?",
            ScreeningSeverity.NeedsReview, "Your provider will plan around recent injectables."),
        new("peel-laser", "Have you had a chemical peel or laser treatment in the last month?",
            ScreeningSeverity.NeedsReview, "The skin may still be recovering."),
        new("tattoo", "Do you have a tattoo or permanent makeup in the area to be treated?",
            ScreeningSeverity.NeedsReview, "Your provider will avoid or adapt around pigment."),
        new("fitzpatrick", "Does your skin tan easily and rarely or never burn (darker skin types, Fitzpatrick V–VI)?",
            ScreeningSeverity.NeedsReview, "Darker skin types need adapted depths to avoid pigment changes."),
    ];
}
