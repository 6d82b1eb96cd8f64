using MicroSpa.Domain.Intake;

namespace MicroSpa.Domain.Tests.Intake;

public sealed class ConsentRevisionTests
{
    private static readonly Guid Director = Guid.NewGuid();

    private static readonly ConsentForm Current = new(2, "Consent to microneedling", "I ask for microneedling treatment.", TestData.Now);

    [Fact]
    public void A_revision_is_the_next_version_and_leaves_the_signed_text_as_it_was()
    {
        var revised = Current.Revise("Consent to microneedling", "I ask for microneedling treatment. Exosome serums may be applied.", Director, "Dr. Director", TestData.Now.AddDays(1));

        revised.Version.ShouldBe(3);
        revised.Body.ShouldEndWith("Exosome serums may be applied.");
        revised.PublishedAt.ShouldBe(TestData.Now.AddDays(1));
        revised.PublishedByUserId.ShouldBe(Director);
        revised.PublishedByName.ShouldBe("Dr. Director");
        Current.PublishedByUserId.ShouldBeNull();
        Current.Body.ShouldBe("I ask for microneedling treatment.");
    }

    /// <summary>What the medical director cannot publish, and the field the message goes to.</summary>
    [Theory]
    [InlineData("", "Some text", nameof(ConsentForm.Title))]
    [InlineData("Consent", "   ", nameof(ConsentForm.Body))]
    [InlineData("Consent to microneedling", "I ask for microneedling treatment.", nameof(ConsentForm.Body))]
    [InlineData("Consent to microneedling", "  I ask for microneedling treatment.\r\n", nameof(ConsentForm.Body))]
    public void Refuses_an_empty_or_unchanged_text(string title, string body, string field)
    {
        Should.Throw<DomainException>(() => Current.Revise(title, body, Director, "Dr. Director", TestData.Now)).Field.ShouldBe(field);
    }

    [Fact]
    public void Refuses_a_text_longer_than_the_limit()
    {
        Should.Throw<DomainException>(() => Current.Revise("Consent", new string('x', ConsentForm.MaxBodyLength + 1), Director, "Dr. Director", TestData.Now))
            .Field.ShouldBe(nameof(ConsentForm.Body));
    }

    /// <summary>A signature stands for its version and later ones only until the text changes.</summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void A_signature_of_an_older_version_must_be_given_again(int signedVersion, bool signAgain)
    {
        Current.Supersedes(signedVersion).ShouldBe(signAgain);
    }
}
