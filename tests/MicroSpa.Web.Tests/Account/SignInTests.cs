using System.Net;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Account;

public sealed class SignInTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Email = "olivia@example.com";

    [Fact]
    public async Task A_confirmed_client_signs_in_sees_their_name_and_signs_out()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        var result = await AccountFlows.SignInAsync(session, Email);

        result.Location.ShouldBe("/my/appointments");
        var home = await session.FollowAsync(result);
        home.Text.ShouldContain($"Signed in as {Email}");

        var signedOut = await session.SubmitAsync(home, new Dictionary<string, string>(), "/account/sign-out");
        signedOut.Location.ShouldBe("/");
        (await session.GetAsync("/")).Text.ShouldNotContain("Signed in as");
    }

    [Fact]
    public async Task Cannot_sign_in_before_confirming_the_email()
    {
        using var session = NewSession();
        await AccountFlows.RegisterAsync(session, Email);

        var page = await AccountFlows.SignInAsync(session, Email);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Summary.ShouldContain(SignIn.Handler.EmailNotConfirmedMessage);
        page.Document.QuerySelector("a[href='/account/resend-confirmation']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Confirm_your_email_is_said_only_to_whoever_typed_the_right_password()
    {
        using var session = NewSession();
        await AccountFlows.RegisterAsync(session, Email);

        var wrong = await AccountFlows.SignInAsync(session, Email, "Not!MyPassword1");

        wrong.Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        wrong.Summary.ShouldNotContain(SignIn.Handler.EmailNotConfirmedMessage);
        wrong.Document.QuerySelector("a[href='/account/resend-confirmation']").ShouldBeNull();
        (await AccountFlows.SignInAsync(session, Email)).Summary.ShouldContain(SignIn.Handler.EmailNotConfirmedMessage);
    }

    [Fact]
    public async Task An_unknown_address_costs_the_same_password_hashing_as_a_known_one()
    {
        // Timing cannot be asserted on a shared machine, so the work that makes the time is counted instead:
        // every password check goes through the hasher, and a wrong password for an address with no account
        // must verify one hash of the same strength as a real account's wrong password does.
        using var registered = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);
        var counting = new CountingHasher();
        await using var app = App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<MicroSpa.Data.Identity.ApplicationUser>>(counting)));
        using var session = new WebSession(app.CreateClient(new() { AllowAutoRedirect = false }));

        (await AccountFlows.SignInAsync(session, Email, "Not!MyPassword1")).Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        var known = counting.Verified.ToList();
        counting.Verified.Clear();
        (await AccountFlows.SignInAsync(session, "nobody@example.com", "Not!MyPassword1")).Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        var unknown = counting.Verified.ToList();

        known.Count.ShouldBe(1);
        unknown.Count.ShouldBe(known.Count, "an address with no account must cost a hash check too");
        CountingHasher.Strength(unknown[0]).ShouldBe(CountingHasher.Strength(known[0]), "the stand-in hash must be as slow to check as a real one");
    }

    private sealed class CountingHasher : Microsoft.AspNetCore.Identity.IPasswordHasher<MicroSpa.Data.Identity.ApplicationUser>
    {
        private readonly Microsoft.AspNetCore.Identity.PasswordHasher<MicroSpa.Data.Identity.ApplicationUser> real = new();

        public System.Collections.Concurrent.ConcurrentQueue<string> Verified { get; } = new();

        public string HashPassword(MicroSpa.Data.Identity.ApplicationUser user, string password) => real.HashPassword(user, password);

        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(
            MicroSpa.Data.Identity.ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Verified.Enqueue(hashedPassword);
            return real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }

        /// <summary>The format marker, pseudo-random function and iteration count at the head of an Identity v3 hash.</summary>
        public static (byte Format, uint Prf, uint Iterations) Strength(string hash)
        {
            var bytes = Convert.FromBase64String(hash);
            return (bytes[0], System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
        }
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        var wrongPassword = await AccountFlows.SignInAsync(session, Email, "Not!MyPassword1");
        var unknownEmail = await AccountFlows.SignInAsync(session, "nobody@example.com");

        wrongPassword.Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        unknownEmail.Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (await AccountFlows.SignInAsync(session, Email, $"Wrong!Pass{attempt}")).Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        }

        (await AccountFlows.SignInAsync(session, Email, "Wrong!Pass5")).Summary.ShouldContain(SignIn.Handler.LockedOutMessage);
        var right = await AccountFlows.SignInAsync(session, Email);

        right.Status.ShouldBe(HttpStatusCode.OK);
        right.Summary.ShouldContain(SignIn.Handler.LockedOutMessage);
    }

    [Fact]
    public async Task Empty_malformed_and_oversized_input_gets_field_messages()
    {
        using var session = NewSession();

        var empty = await AccountFlows.SignInAsync(session, "", "");
        var malformed = await AccountFlows.SignInAsync(session, "olivia.example.com", "x");
        var oversized = await AccountFlows.SignInAsync(session, new string('a', 300) + "@example.com", new string('p', 5000));

        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.FieldMessage("Email").ShouldBe("Enter your email address.");
        empty.FieldMessage("Password").ShouldBe("Enter your password.");
        malformed.FieldMessage("Email").ShouldBe("Enter an email address like name@example.com.");
        oversized.Status.ShouldBe(HttpStatusCode.OK);
        oversized.FieldMessage("Email").ShouldBe("An email address can be at most 254 characters.");
        oversized.FieldMessage("Password").ShouldBe("A password can be at most 128 characters.");
    }

    [Fact]
    public async Task Returns_to_the_page_asked_for_but_never_to_another_site()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        var local = await AccountFlows.SignInAsync(session, Email, returnUrl: "/account/check-email");
        using var other = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, "second@example.com");
        var offsite = await AccountFlows.SignInAsync(other, "second@example.com", returnUrl: "https://evil.example/steal");

        local.Location.ShouldBe("/account/check-email");
        offsite.Location.ShouldBe("/my/appointments");
    }

    [Fact]
    public async Task The_password_is_never_sent_back_in_the_page()
    {
        using var session = NewSession();

        var page = await AccountFlows.SignInAsync(session, "olivia.example.com", "My!Secret123");

        page.Html.ShouldNotContain("My!Secret123");
    }

    [Fact]
    public async Task Too_many_account_attempts_from_one_address_get_429_on_sign_in_registration_and_reset()
    {
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:AccountPerMinute", "3"));
        using var session = new WebSession(limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await AccountFlows.SignInAsync(session, "guess@example.com", $"Guess{i}!pass")).Status);
        }

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        var blocked = await AccountFlows.SignInAsync(session, "guess@example.com", "Guess4!pass");
        blocked.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await AccountFlows.RegisterAsync(session, "new@example.com")).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await session.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "guess@example.com" })).Status
            .ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
