using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Treatments;

public sealed class TreatmentRecordTests
{
    private static readonly DateOnly SessionDate = new(2026, 4, 15);

    private sealed record Setup(TreatmentRecord Record, MicroSpa.Domain.Intake.TreatmentGate Gate, BodyArea Cheeks, Device Pen, Dictionary<Guid, BodyArea> Areas, Dictionary<Guid, Product> Products);

    private static Setup CheckedInChart()
    {
        var appointment = TestData.Booked();
        appointment.CheckIn(appointment.StartsAt, TestData.By);
        var cheeks = appointment.BodyAreas.Single();
        cheeks.SetDepthRules(new DepthBand(0.5m, 1.0m), 2.0m);
        var hyaluronic = new Product("Hyaluronic acid serum", "Hydration", notForNeedledSkin: false);
        var vitaminC = new Product("Vitamin C 20%", "Brightening", notForNeedledSkin: true);
        return new Setup(TreatmentRecord.Open(appointment, TestData.Now), TestData.OpenGate(appointment), cheeks, appointment.Device!,
            new() { [cheeks.Id] = cheeks }, new() { [hyaluronic.Id] = hyaluronic, [vitaminC.Id] = vitaminC });
    }

    private static ChartEntry Entry(Setup s, decimal depth = 0.75m, Guid? product = null, string? reason = null, DateOnly? expiry = null, int numbingMinutes = 30) => new(
        FitzpatrickType.III, "Even tone, mild scarring", ["Acne scars"], "Lidocaine 23%", TestData.Now, TestData.Now.AddMinutes(numbingMinutes), true,
        s.Pen.Id, 12, "CART-2026-04", expiry ?? SessionDate.AddMonths(6), "Tolerated well",
        [new AreaEntry(s.Cheeks.Id, depth, 4, product ?? s.Products.Values.First().Id, "HA-77", ClinicalEndpoint.Both, null, reason)]);

    [Fact]
    public void A_draft_keeps_whatever_was_typed_even_a_refused_depth()
    {
        var s = CheckedInChart();

        s.Record.SaveDraft(Entry(s, depth: 2.75m), s.Areas, s.Products, TestData.Now);

        s.Record.Areas.Single().DepthMm.ShouldBe(2.75m);
        s.Record.Check(s.Areas, s.Pen, s.Products, SessionDate).ShouldContain(f => f.Blocks && f.Message.Contains("2.5 mm at most", StringComparison.Ordinal));
    }

    [Fact]
    public void Signing_refuses_a_depth_above_the_band_until_a_reason_is_written()
    {
        var s = CheckedInChart();
        s.Record.SaveDraft(Entry(s, depth: 1.5m), s.Areas, s.Products, TestData.Now);

        var error = Should.Throw<DomainException>(() => s.Record.Sign(s.Gate, BeforePhotos.For(0, false, s.Record, []), s.Areas, s.Pen, s.Products, SessionDate, Guid.NewGuid(), "maya", TestData.Now));
        error.Field.ShouldBe("Areas[0].WarningReason");

        s.Record.SaveDraft(Entry(s, depth: 1.5m, reason: "Deep boxcar scars; tolerated 1.25 mm last time"), s.Areas, s.Products, TestData.Now);
        s.Record.Sign(s.Gate, BeforePhotos.For(0, false, s.Record, []), s.Areas, s.Pen, s.Products, SessionDate, Guid.NewGuid(), "maya", TestData.Now);
        s.Record.IsSigned.ShouldBeTrue();
        s.Record.Areas.Single().RulesAtSigning!.ShouldContain("warned:");
    }

    [Fact]
    public void Signing_refuses_a_product_not_for_needled_skin_and_an_expired_cartridge()
    {
        var s = CheckedInChart();
        var vitaminC = s.Products.Values.Single(p => p.NotForNeedledSkin);
        s.Record.SaveDraft(Entry(s, product: vitaminC.Id), s.Areas, s.Products, TestData.Now);
        Should.Throw<DomainException>(() => s.Record.Sign(s.Gate, BeforePhotos.For(0, false, s.Record, []), s.Areas, s.Pen, s.Products, SessionDate, Guid.NewGuid(), "maya", TestData.Now))
            .Message.ShouldContain("not for needled skin");

        s.Record.SaveDraft(Entry(s, expiry: SessionDate.AddDays(-1)), s.Areas, s.Products, TestData.Now);
        Should.Throw<DomainException>(() => s.Record.Sign(s.Gate, BeforePhotos.For(0, false, s.Record, []), s.Areas, s.Pen, s.Products, SessionDate, Guid.NewGuid(), "maya", TestData.Now))
            .Field.ShouldBe(nameof(TreatmentRecord.CartridgeExpiry));
    }

    [Fact]
    public void Short_numbing_is_a_warning_that_does_not_block()
    {
        var s = CheckedInChart();
        s.Record.SaveDraft(Entry(s, numbingMinutes: 12), s.Areas, s.Products, TestData.Now);

        var findings = s.Record.Check(s.Areas, s.Pen, s.Products, SessionDate);

        findings.ShouldContain(f => !f.Blocks && f.Message.Contains("less than 20 minutes", StringComparison.Ordinal));
        s.Record.Sign(s.Gate, BeforePhotos.For(0, false, s.Record, []), s.Areas, s.Pen, s.Products, SessionDate, Guid.NewGuid(), "maya", TestData.Now);
    }

    [Fact]
    public void A_signed_chart_never_changes_and_takes_dated_addenda()
    {
        var s = CheckedInChart();
        s.Record.SaveDraft(Entry(s), s.Areas, s.Products, TestData.Now);
        s.Record.Sign(s.Gate, BeforePhotos.For(0, false, s.Record, []), s.Areas, s.Pen, s.Products, SessionDate, Guid.NewGuid(), "maya", TestData.Now);

        Should.Throw<DomainException>(() => s.Record.SaveDraft(Entry(s, depth: 1.0m), s.Areas, s.Products, TestData.Now));
        s.Record.Areas.Single().DepthMm.ShouldBe(0.75m);
        var addendum = s.Record.AddAddendum("Client called day 2: redness fading.", Guid.NewGuid(), "maya", TestData.Now.AddDays(2));
        addendum.At.ShouldBe(TestData.Now.AddDays(2));
        s.Record.Addenda.Count.ShouldBe(1);
    }

    [Fact]
    public void A_chart_opens_only_once_the_client_is_checked_in()
    {
        Should.Throw<DomainException>(() => TreatmentRecord.Open(TestData.Booked(), TestData.Now));
    }
}
