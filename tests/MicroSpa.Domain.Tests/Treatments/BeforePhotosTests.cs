using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Treatments;

public sealed class BeforePhotosTests
{
    private static readonly DateOnly SessionDate = new(2026, 4, 15);

    private sealed record Setup(
        TreatmentRecord Record, MicroSpa.Domain.Intake.TreatmentGate Gate, BodyArea Cheeks, BodyArea Forehead, Device Pen, Dictionary<Guid, BodyArea> Areas,
        Dictionary<Guid, Product> Products);

    /// <summary>A two-area chart (cheeks, forehead) with everything else charted, ready to sign but for its photos.</summary>
    private static Setup ChartedSession(string? noPhotosReason = null)
    {
        var cheeks = TestData.Area("Cheeks");
        var forehead = TestData.Area("Forehead", 0.25m, 0.5m);
        var appointment = Appointment.Book(TestData.Client(), TestData.Facial(cheeks, forehead), TestData.Esthetician(), new Room("Room 1"), TestData.SkinPen(),
            [cheeks, forehead], TestData.Now.AddDays(1), BookingSource.Online, TestData.Now, TestData.By);
        appointment.CheckIn(appointment.StartsAt, TestData.By);
        var record = TreatmentRecord.Open(appointment, TestData.Now);
        var areas = new Dictionary<Guid, BodyArea> { [cheeks.Id] = cheeks, [forehead.Id] = forehead };
        var pen = appointment.Device!;
        record.SaveDraft(new ChartEntry(FitzpatrickType.III, null, [], "Lidocaine 23%", TestData.Now, TestData.Now.AddMinutes(30), true, pen.Id, 12, "CART-1",
            SessionDate.AddMonths(6), null,
            [
                new AreaEntry(cheeks.Id, 0.75m, 4, null, null, ClinicalEndpoint.Both, null, null),
                new AreaEntry(forehead.Id, 0.25m, 4, null, null, ClinicalEndpoint.Erythema, null, null),
            ], NoPhotosReason: noPhotosReason), areas, new Dictionary<Guid, Product>(), TestData.Now);
        return new Setup(record, TestData.OpenGate(appointment), cheeks, forehead, pen, areas, new());
    }

    private static IEnumerable<Photo> Photos(Setup s, BodyArea area, int count, PhotoKind kind = PhotoKind.Before, Guid? recordId = null) =>
        Enumerable.Range(0, count).Select(_ => Photo.Record(s.Record.ClientId, recordId ?? s.Record.Id, area.Id, area.Name, kind, "image/jpeg", 40, 30, 1000,
            Guid.NewGuid(), "maya", TestData.Now));

    private static void Sign(Setup s, BeforePhotos rule) =>
        s.Record.Sign(s.Gate, rule, s.Areas, s.Pen, s.Products, SessionDate, Guid.NewGuid(), "maya", TestData.Now);

    /// <summary>
    /// (required per area, photo consent, before photos of cheeks, of forehead, reason for none) → the first
    /// refusal's field and message, or null when the chart signs.
    /// </summary>
    public static TheoryData<int, bool, int, int, string?, string?, string?> Table => new()
    {
        { 0, true, 0, 0, null, null, null },
        { 0, false, 0, 0, null, null, null },
        { 3, true, 3, 3, null, null, null },
        { 3, true, 5, 4, null, null, null },
        { 1, true, 1, 1, null, null, null },
        { 3, true, 2, 3, null, "Areas[0].BeforePhotos", "2 of 3 before photos for Cheeks: upload 1 more before signing." },
        { 3, true, 3, 0, null, "Areas[1].BeforePhotos", "0 of 3 before photos for Forehead: upload 3 more before signing." },
        // A reason does not stand in for photos the client agreed to.
        { 3, true, 0, 0, "Client in a hurry", "Areas[0].BeforePhotos", "0 of 3 before photos for Cheeks: upload 3 more before signing." },
        { 3, false, 0, 0, null, "NoPhotosReason", "The client did not agree to photos: write why there are no before photos (the clinic asks for 3 per area)." },
        { 3, false, 0, 0, "Client declined photos on the consent form", null, null },
        { 10, true, 10, 10, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Signing_needs_the_clinics_before_photos_of_every_area_or_a_reason_without_photo_consent(
        int required, bool consent, int cheeks, int forehead, string? reason, string? field, string? message)
    {
        var s = ChartedSession(reason);
        var rule = BeforePhotos.For(required, consent, s.Record, Photos(s, s.Cheeks, cheeks).Concat(Photos(s, s.Forehead, forehead)));

        if (message is null)
        {
            s.Record.Check(s.Areas, s.Pen, s.Products, SessionDate, gate: s.Gate, beforePhotos: rule).Where(f => f.Blocks).ShouldBeEmpty();
            Sign(s, rule);
            s.Record.IsSigned.ShouldBeTrue();
            s.Record.BeforePhotosRequired.ShouldBe(required);
            return;
        }

        // The page shows it before the provider tries; the signature refuses on the same words.
        s.Record.Check(s.Areas, s.Pen, s.Products, SessionDate, gate: s.Gate, beforePhotos: rule).ShouldContain(f => f.Blocks && f.Field == field && f.Message == message);
        var refused = Should.Throw<DomainException>(() => Sign(s, rule));
        refused.Field.ShouldBe(field);
        refused.Message.ShouldBe(message);
        s.Record.IsSigned.ShouldBeFalse();
    }

    [Fact]
    public void After_photos_and_photos_of_another_chart_do_not_count_as_before_photos()
    {
        var s = ChartedSession();
        var photos = Photos(s, s.Cheeks, 3, PhotoKind.After).Concat(Photos(s, s.Cheeks, 3, recordId: Guid.NewGuid())).Concat(Photos(s, s.Forehead, 3));

        var rule = BeforePhotos.For(3, true, s.Record, photos);

        rule.Count(s.Cheeks.Id).ShouldBe(0);
        rule.Count(s.Forehead.Id).ShouldBe(3);
        Should.Throw<DomainException>(() => Sign(s, rule)).Field.ShouldBe("Areas[0].BeforePhotos");
    }

    [Fact]
    public void Counts_made_for_another_chart_are_refused()
    {
        var s = ChartedSession();
        var other = ChartedSession();

        Should.Throw<DomainException>(() => Sign(s, BeforePhotos.For(0, true, other.Record, [])))
            .Message.ShouldBe("These photo counts are for another chart.");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    [InlineData(int.MaxValue, false)]
    [InlineData(int.MinValue, false)]
    public void The_clinic_asks_for_0_to_10_before_photos_per_area(int perArea, bool accepted)
    {
        var policy = BookingPolicy.Default();
        policy.BeforePhotosPerArea.ShouldBe(0, "the clinic's default asks for none");

        if (accepted)
        {
            policy.SetBeforePhotosRule(perArea);
            policy.BeforePhotosPerArea.ShouldBe(perArea);
        }
        else
        {
            Should.Throw<DomainException>(() => policy.SetBeforePhotosRule(perArea)).Field.ShouldBe(nameof(BookingPolicy.BeforePhotosPerArea));
            policy.BeforePhotosPerArea.ShouldBe(0);
        }
    }
}
