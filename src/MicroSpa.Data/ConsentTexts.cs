using MicroSpa.Domain.Intake;

namespace MicroSpa.Data;

/// <summary>The consent text every clinic starts with (version 1). New versions are added, never edited.</summary>
internal static class ConsentTexts
{
    public static readonly ConsentForm Version1 = new(
        1,
        "Consent to microneedling (collagen induction therapy)",
        """
        I ask for microneedling treatment. I understand that a pen of fine needles makes controlled punctures in the skin to
        stimulate collagen and elastin, that a numbing cream is applied first and serums may be applied after, and that results
        build over weeks and usually need a series of sessions.

        Expected effects: redness for one to two days, swelling that can peak on the second day, pinpoint scabs or bruising for
        up to ten days, and skin that is sensitive to the sun.

        Possible risks: infection, cold-sore outbreak, changes in pigmentation, allergic or granuloma reactions to products,
        reaction to the numbing cream, and, rarely, scarring. Results vary and are not guaranteed.

        I have answered the health screening truthfully and will tell the clinic about any change before treatment. I will
        follow the aftercare instructions: water only on the skin for the first day, no makeup for 24 hours, daily mineral
        sunscreen of SPF 30 or more for two weeks, no sweating, pools or saunas for 72 hours, and no retinoids, acids or
        vitamin C for 5 to 7 days. I will call the clinic if redness, warmth or pain increases instead of fading, if I see pus,
        have a fever or a cold sore, or notice new itchy bumps or darkening pigment.

        I may withdraw this consent at any time before treatment.
        """,
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
