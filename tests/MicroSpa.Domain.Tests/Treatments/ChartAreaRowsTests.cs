using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Treatments;

/// <summary>The area rows of a draft: only chartable areas are added, and a row added by mistake can be removed.</summary>
public sealed class ChartAreaRowsTests
{
    private sealed record Setup(TreatmentRecord Record, BodyArea Cheeks, BodyArea Forehead, Dictionary<Guid, BodyArea> Areas, MicroSpa.Domain.Scheduling.Appointment Appointment);

    private static Setup Draft()
    {
        var appointment = TestData.Booked();
        appointment.CheckIn(appointment.StartsAt, TestData.By);
        var cheeks = appointment.BodyAreas.Single();
        cheeks.SetDepthRules(new DepthBand(0.5m, 1.0m), 2.0m);
        var forehead = new BodyArea("Forehead", BodyRegion.Face, 2);
        forehead.SetDepthRules(new DepthBand(0.25m, 0.5m), 1.0m);
        return new Setup(TreatmentRecord.Open(appointment, TestData.Now), cheeks, forehead, new() { [cheeks.Id] = cheeks, [forehead.Id] = forehead }, appointment);
    }

    private static ChartEntry Entry(params AreaEntry[] areas) => new(
        FitzpatrickType.III, null, [], null, null, null, false, null, null, null, null, null, areas);

    private static AreaEntry Row(BodyArea area, decimal? depth = null) => new(area.Id, depth, null, null, null, null, null, null);

    [Fact]
    public void An_area_added_by_mistake_is_removed_from_the_draft()
    {
        var s = Draft();
        s.Record.SaveDraft(Entry(Row(s.Cheeks, 0.75m), Row(s.Forehead, 0.5m)), s.Areas, new Dictionary<Guid, Product>(), TestData.Now);

        s.Record.RemoveArea(s.Forehead.Id, TestData.Now);

        s.Record.Areas.Select(a => a.AreaName).ShouldBe(["Cheeks"]);
        s.Record.Areas.Single().DepthMm.ShouldBe(0.75m);
        Should.Throw<DomainException>(() => s.Record.RemoveArea(s.Forehead.Id, TestData.Now)).Message.ShouldBe("That area is not on this chart.");
    }

    [Fact]
    public void A_never_treated_area_or_one_without_a_band_is_never_added_to_a_draft()
    {
        var s = Draft();
        var eyelids = new BodyArea("Eyelids", BodyRegion.Face, 9);
        eyelids.MarkNeverTreat();
        var chest = new BodyArea("Chest", BodyRegion.Chest, 10);
        s.Areas[eyelids.Id] = eyelids;
        s.Areas[chest.Id] = chest;

        Should.Throw<DomainException>(() => s.Record.SaveDraft(Entry(Row(s.Cheeks), Row(eyelids, 0.25m)), s.Areas, new Dictionary<Guid, Product>(), TestData.Now))
            .Message.ShouldBe("Eyelids is never treated.");
        Should.Throw<DomainException>(() => s.Record.SaveDraft(Entry(Row(s.Cheeks), Row(chest, 0.5m)), s.Areas, new Dictionary<Guid, Product>(), TestData.Now))
            .Message.ShouldBe("Chest has no depth band yet: the medical director sets one before it can be charted.");
        s.Record.Areas.Select(a => a.AreaName).ShouldBe(["Cheeks"]);
    }

    [Fact]
    public void A_signed_chart_keeps_its_rows()
    {
        var s = Draft();
        var pen = new Device("SkinPen 1", "SkinPen Precision", DeviceClass.SkinPenClass, 2.5m, 0.25m);
        var product = new Product("Hyaluronic acid serum", "Hydration", notForNeedledSkin: false);
        s.Record.SaveDraft(new ChartEntry(FitzpatrickType.III, null, [], "Lidocaine 23%", TestData.Now, TestData.Now.AddMinutes(30), true, pen.Id, 12, "CART-1",
            new DateOnly(2030, 1, 1), null, [new AreaEntry(s.Cheeks.Id, 0.75m, 4, product.Id, "HA-1", ClinicalEndpoint.Both, null, null)]),
            s.Areas, new Dictionary<Guid, Product> { [product.Id] = product }, TestData.Now);
        s.Record.Sign(TestData.OpenGate(s.Appointment), BeforePhotos.For(0, false, s.Record, []), s.Areas, pen, new Dictionary<Guid, Product> { [product.Id] = product }, new DateOnly(2026, 4, 15), Guid.NewGuid(), "maya", TestData.Now);

        Should.Throw<DomainException>(() => s.Record.RemoveArea(s.Cheeks.Id, TestData.Now));
        s.Record.Areas.Count.ShouldBe(1);
    }
}
