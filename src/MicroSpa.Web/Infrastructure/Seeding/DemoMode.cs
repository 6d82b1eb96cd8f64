namespace MicroSpa.Web.Infrastructure.Seeding;

/// <summary>
/// The demo clinic (published passwords, one published authenticator key for every staff account, the
/// code shown on the sign-in page) exists only when MICROSPA_DEMO=1 is set: scripts/run.sh sets it; the
/// container does not unless told. The development mailbox belongs to the Development environment (and
/// the test host), never to production, whatever the email mode.
/// </summary>
public static class DemoMode
{
    public const string Setting = "MICROSPA_DEMO";

    public const string RefusedMessage =
        "The demo clinic (published passwords and authenticator key) is seeded only with MICROSPA_DEMO=1.";

    public static bool IsOn(IConfiguration configuration) => configuration[Setting] == "1";

    public static bool MailboxShown(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
