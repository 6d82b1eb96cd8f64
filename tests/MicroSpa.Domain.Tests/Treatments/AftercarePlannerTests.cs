using System.Globalization;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Treatments;

public sealed class AftercarePlannerTests
{
    private static readonly ClinicTimeZone Zone = new("America/New_York");
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    private static readonly AftercareTemplateItem[] Templates =
    [
        new(AftercareKind.Expect, "Redness for 24–48 hours is expected.", null, 1),
        new(AftercareKind.Avoid, "No makeup until {until}.", 24, 1),
        new(AftercareKind.Avoid, "No swimming, sauna or sweaty exercise until {until}.", 72, 2, extraHoursOnBody: 48),
        new(AftercareKind.Avoid, "No retinoids, acids or vitamin C until {until}.", 168, 3, deeperThanMm: 1.5m, extraHoursWhenDeeper: 72),
        new(AftercareKind.Do, "SPF 30+ daily until {until}.", 336, 1),
    ];

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute) =>
        Zone.ToInstant(new DateOnly(year, month, day), new TimeOnly(hour, minute))!.Value;

    [Fact]
    public void Each_line_gets_its_concrete_date_in_the_clinics_zone()
    {
        var plan = AftercarePlanner.Plan(Templates, Local(2026, 4, 13, 15, 30), 1.0m, onBody: false, Zone, Culture);

        plan.Select(p => p.Text).ShouldBe([
            "Redness for 24–48 hours is expected.",
            "SPF 30+ daily until 27 Apr.",
            "No makeup until Tue 14 Apr, 15:30.",
            "No swimming, sauna or sweaty exercise until Thu 16 Apr.",
            "No retinoids, acids or vitamin C until 20 Apr.",
        ]);
        plan.Single(p => p.Text.StartsWith("No makeup", StringComparison.Ordinal)).Until.ShouldBe(Local(2026, 4, 14, 15, 30));
    }

    [Fact]
    public void Deeper_treatment_and_body_areas_lengthen_their_lines()
    {
        var plan = AftercarePlanner.Plan(Templates, Local(2026, 4, 13, 15, 30), 2.0m, onBody: true, Zone, Culture);

        plan.ShouldContain(p => p.Text == "No swimming, sauna or sweaty exercise until Sat 18 Apr.");
        plan.ShouldContain(p => p.Text == "No retinoids, acids or vitamin C until 23 Apr.");
    }

    [Fact]
    public void Across_the_spring_clock_change_24_hours_stay_24_hours()
    {
        // Saturday 7 March 2026, 15:30 EST; clocks go forward on Sunday 8 March at 02:00.
        var plan = AftercarePlanner.Plan(Templates, Local(2026, 3, 7, 15, 30), 1.0m, onBody: false, Zone, Culture);

        var makeup = plan.Single(p => p.Text.StartsWith("No makeup", StringComparison.Ordinal));
        makeup.Until!.Value.ShouldBe(Local(2026, 3, 7, 15, 30).AddHours(24));
        makeup.Text.ShouldBe("No makeup until Sun 8 Mar, 16:30.");
    }

    [Fact]
    public void Across_the_autumn_clock_change_the_local_time_is_an_hour_earlier()
    {
        // Saturday 31 October 2026, 15:30 EDT; clocks go back on Sunday 1 November at 02:00.
        var plan = AftercarePlanner.Plan(Templates, Local(2026, 10, 31, 15, 30), 1.0m, onBody: false, Zone, Culture);

        plan.Single(p => p.Text.StartsWith("No makeup", StringComparison.Ordinal)).Text.ShouldBe("No makeup until Sun 1 Nov, 14:30.");
    }

    [Fact]
    public void A_template_line_must_use_until_exactly_when_it_has_a_duration()
    {
        Should.Throw<DomainException>(() => new AftercareTemplateItem(AftercareKind.Avoid, "No makeup.", 24, 1));
        Should.Throw<DomainException>(() => new AftercareTemplateItem(AftercareKind.Avoid, "No makeup until {until}.", null, 1));
        Should.Throw<DomainException>(() => new AftercareTemplateItem(AftercareKind.Avoid, "No makeup until {until}.", 0, 1));
    }
}
