using MicroSpa.Data.Identity;

namespace MicroSpa.Web.Infrastructure.Seeding;

/// <summary>
/// The code an authenticator app holding <see cref="DemoClinicSeeder.DemoAuthenticatorKey"/> shows now,
/// so the demo can be tried without an app. Shown only in Development, only for the demo clinic's
/// accounts (the <see cref="DemoDomain"/> addresses).
/// </summary>
public static class DemoAuthenticator
{
    public const string DemoDomain = "@microspa.test";

    public static string CodeAt(DateTimeOffset at) => Rfc6238.Code(DemoClinicSeeder.DemoAuthenticatorKey, at);
}
