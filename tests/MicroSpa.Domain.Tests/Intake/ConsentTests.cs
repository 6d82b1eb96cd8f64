using MicroSpa.Domain.Intake;

namespace MicroSpa.Domain.Tests.Intake;

public sealed class ConsentTests
{
    private static readonly ConsentForm Form = new(3, "Consent", "Text", TestData.Now);

    [Fact]
    public void Signing_keeps_the_version_time_and_request_details()
    {
        var client = TestData.Client();

        var signature = ConsentSignature.Sign(client, Form, "  ada   CLIENT ", true, TestData.Now, "203.0.113.7", "Mobile Safari");

        signature.FormVersion.ShouldBe(3);
        signature.SignedAt.ShouldBe(TestData.Now);
        signature.IpAddress.ShouldBe("203.0.113.7");
        signature.UserAgent.ShouldBe("Mobile Safari");
        signature.PhotoConsent.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Someone Else")]
    public void Refuses_a_typed_name_that_is_not_the_clients(string typed)
    {
        Should.Throw<DomainException>(() => ConsentSignature.Sign(TestData.Client(), Form, typed, false, TestData.Now, "::1", "x"))
            .Field.ShouldBe(nameof(ConsentSignature.TypedName));
    }
}
