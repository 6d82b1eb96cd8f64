using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Treatments;

public sealed class DepthRulesTests
{
    [Theory]
    [InlineData(0.25, true)]
    [InlineData(2.5, true)]
    [InlineData(2.75, false)]
    [InlineData(0.3, false)]
    [InlineData(0, false)]
    public void A_skinpen_is_set_from_its_step_up_to_its_maximum(decimal depth, bool settable)
    {
        TestData.SkinPen().CanBeSetTo(depth).ShouldBe(settable);
    }

    [Fact]
    public void A_dermapen_takes_tenths_up_to_three_millimetres()
    {
        var dermapen = new Device("Dermapen 1", "Dermapen 4", DeviceClass.DermapenClass, 3.0m, 0.1m);

        dermapen.CanBeSetTo(0.3m).ShouldBeTrue();
        dermapen.CanBeSetTo(3.0m).ShouldBeTrue();
        dermapen.CanBeSetTo(0.35m).ShouldBeFalse();
    }

    [Fact]
    public void Refuses_a_device_whose_maximum_is_not_a_whole_number_of_steps()
    {
        Should.Throw<DomainException>(() => new Device("Odd", "Odd pen", DeviceClass.Other, 2.6m, 0.25m))
            .Field.ShouldBe(nameof(Device.MaxDepthMm));
    }

    [Fact]
    public void A_band_cannot_be_upside_down()
    {
        Should.Throw<DomainException>(() => new DepthBand(1.0m, 0.5m));
        Should.Throw<DomainException>(() => new DepthBand(-0.1m, 0.5m));
    }

    [Fact]
    public void The_hard_maximum_sits_at_or_above_the_band()
    {
        var area = new BodyArea("Forehead", BodyRegion.Face);

        Should.Throw<DomainException>(() => area.SetDepthRules(new DepthBand(0.25m, 0.5m), 0.4m))
            .Field.ShouldBe(nameof(BodyArea.HardMaximumMm));
    }

    [Fact]
    public void An_area_without_a_band_or_marked_never_treat_cannot_be_charted()
    {
        var chest = new BodyArea("Chest", BodyRegion.Chest);
        chest.CanBeCharted.ShouldBeFalse();

        chest.SetDepthRules(new DepthBand(0.25m, 0.5m), null);
        chest.CanBeCharted.ShouldBeTrue();

        var eyelids = new BodyArea("Eyelids", BodyRegion.Face);
        eyelids.MarkNeverTreat();
        eyelids.CanBeCharted.ShouldBeFalse();
        Should.Throw<DomainException>(() => eyelids.SetDepthRules(new DepthBand(0.1m, 0.2m), null));
    }
}
