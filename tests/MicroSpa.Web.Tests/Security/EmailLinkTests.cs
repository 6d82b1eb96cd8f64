using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Security;

/// <summary>
/// Every link in every email is on the configured public address (Clinic:PublicUrl), whatever Host the
/// request that caused it named: a forged Host must not turn a password reset into a link to the forger.
/// </summary>
public sealed partial class EmailLinkTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string PublicUrl = "https://clinic.example/";
    private const string ForgedHost = "attacker.example";

    /// <summary>This app answers the forged host too (as if AllowedHosts let it through), to prove the links ignore it.</summary>
    private WebApplicationFactory<Program> AppAnsweringAnyHost() => App.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Clinic:PublicUrl", PublicUrl);
        builder.UseSetting("AllowedHosts", $"localhost;{ForgedHost}");
    });

    private static WebSession ForgedHostSession(WebApplicationFactory<Program> app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri($"http://{ForgedHost}/") }));

    [Fact]
    public async Task A_password_reset_asked_for_with_a_forged_host_mails_the_victim_a_link_to_the_clinic_not_the_forger()
    {
        await using var app = AppAnsweringAnyHost();
        const string email = "victim@example.com";
        using (await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, email))
        {
        }

        using var attacker = ForgedHostSession(app);
        var asked = await attacker.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });

        asked.Location.ShouldBe("/account/forgot-password/sent");
        var reset = (await App.EmailsToAsync(email)).Single(m => m.Subject.Contains("Reset your password", StringComparison.Ordinal));
        AssertLinksOnlyOnTheClinic(reset);
        LinksIn(reset).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_registration_with_a_forged_host_mails_the_confirmation_link_on_the_clinics_address()
    {
        await using var app = AppAnsweringAnyHost();
        using var visitor = ForgedHostSession(app);

        (await AccountFlows.RegisterAsync(visitor, "newcomer@example.com")).Status.ShouldBe(HttpStatusCode.Redirect);

        var confirmation = (await App.EmailsToAsync("newcomer@example.com")).Single();
        AssertLinksOnlyOnTheClinic(confirmation);
        LinksIn(confirmation).ShouldNotBeEmpty();
    }

    /// <summary>
    /// Every class that writes an email (it takes the mail sender or the outbox) is found by reflection, so a
    /// new one is covered: none may reach the request (IHttpContextAccessor) or build links itself
    /// (LinkGenerator, IUrlHelper); links come from <see cref="PublicLinks"/>.
    /// </summary>
    [Fact]
    public void No_class_that_writes_an_email_can_build_a_link_from_the_request()
    {
        var writers = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IEmailSender) || p.ParameterType == typeof(OutboxQueue))))
            .ToList();
        writers.Select(t => t.Name).ShouldContain(nameof(AccountEmails));
        writers.Select(t => t.Name).ShouldContain("AppointmentEmails");
        writers.Select(t => t.Name).ShouldContain("AftercareEmails");
        writers.Select(t => t.Name).ShouldContain("WaitlistEmails");

        var forbidden = new[] { typeof(IHttpContextAccessor), typeof(LinkGenerator), typeof(Microsoft.AspNetCore.Mvc.IUrlHelper), typeof(HttpContext) };
        foreach (var writer in writers)
        {
            var reaches = writer.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType).Where(forbidden.Contains).ToList();
            reaches.ShouldBeEmpty($"{writer.Name} writes emails and takes {string.Join(", ", reaches.Select(r => r.Name))}: build links with PublicLinks");
        }
    }

    /// <summary>
    /// Every account email (each public Send… method of AccountEmails, found by reflection) is sent while the
    /// current request names a forged Host: every link in every one is on the clinic's address.
    /// </summary>
    [Fact]
    public async Task Every_account_email_sent_during_a_request_with_a_forged_host_links_only_to_the_clinic()
    {
        await using var app = AppAnsweringAnyHost();
        var sends = typeof(AccountEmails).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.StartsWith("Send", StringComparison.Ordinal) && m.ReturnType == typeof(Task<bool>))
            .ToList();
        sends.Count.ShouldBeGreaterThanOrEqualTo(4);

        foreach (var send in sends)
        {
            var email = $"{send.Name.ToLowerInvariant()}@example.com";
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Olivia", EmailConfirmed = true };
            (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
            var forged = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            forged.Request.Scheme = "http";
            forged.Request.Host = new HostString(ForgedHost);
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = forged;

            var arguments = send.GetParameters().Select(p => p.ParameterType switch
            {
                var t when t == typeof(ApplicationUser) => user,
                var t when t == typeof(string) => (object?)"/my/appointments",
                var t when t == typeof(CancellationToken) => CancellationToken.None,
                var t => throw new InvalidOperationException($"{send.Name} takes a {t.Name}: teach this test how to make one."),
            }).ToArray();
            var sent = await (Task<bool>)send.Invoke(scope.ServiceProvider.GetRequiredService<AccountEmails>(), arguments)!;

            sent.ShouldBeTrue(send.Name);
            var message = (await App.EmailsToAsync(email)).ShouldHaveSingleItem(send.Name);
            LinksIn(message).ShouldNotBeEmpty(send.Name);
            AssertLinksOnlyOnTheClinic(message);
        }
    }

    [Fact]
    public async Task Outside_development_a_request_for_another_host_is_refused_and_sends_nothing()
    {
        // The shared test app runs as "Testing" with Clinic:PublicUrl http://localhost and the default AllowedHosts "*".
        const string victim = "victim2@example.com";
        using var attacker = ForgedHostSession(App);
        using (await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, victim))
        {
        }

        await App.ClearMailAsync();
        using var response = await attacker.Client.GetAsync("/account/forgot-password");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await App.EmailsToAsync(victim)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_app_refuses_to_start_without_a_public_address_and_says_which_setting()
    {
        await using var app = App.WithWebHostBuilder(builder => builder.UseSetting("Clinic:PublicUrl", ""));

        var failure = Should.Throw<Exception>(() => app.CreateClient());

        failure.ToString().ShouldContain("Clinic:PublicUrl");
        await Task.CompletedTask;
    }

    private static void AssertLinksOnlyOnTheClinic(StoredEmail message)
    {
        message.TextBody.ShouldNotContain(ForgedHost);
        message.HtmlBody.ShouldNotContain(ForgedHost);
        foreach (var link in LinksIn(message))
        {
            link.ShouldStartWith(PublicUrl, customMessage: $"'{message.Subject}' links to {link}");
        }
    }

    private static List<string> LinksIn(StoredEmail message) =>
        [.. Link().Matches(message.TextBody + " " + message.HtmlBody).Select(m => WebUtility.HtmlDecode(m.Value))];

    [GeneratedRegex("""https?://[^\s"'<>]+""")]
    private static partial Regex Link();
}
