using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Security;

/// <summary>Several app instances on one database behave as one app to the people using it.</summary>
public sealed class InstancesTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static async Task<HttpStatusCode> FrontDeskWithAsync(WebApplicationFactory<Program> instance, string cookie)
    {
        using var client = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/front-desk");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_sign_in_on_one_instance_is_honoured_by_another_because_the_keys_live_in_postgresql()
    {
        await using var first = App.WithWebHostBuilder(_ => { });
        await using var second = App.WithWebHostBuilder(_ => { });
        await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk, "desk.instances@clinic.test", twoFactor: false);
        string key;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            key = await AccountFlows.TurnOnTwoFactorAsync(users, (await users.FindByEmailAsync("desk.instances@clinic.test"))!);
        }

        var session = new WebSession(first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var signedIn = await AccountFlows.SignInWithCodeAsync(session, "desk.instances@clinic.test", key);
        var cookie = signedIn.SetCookies.Single(c => c.StartsWith("microspa.auth=", StringComparison.Ordinal)).Split(';')[0];

        (await FrontDeskWithAsync(first, cookie)).ShouldBe(HttpStatusCode.OK);
        (await FrontDeskWithAsync(second, cookie)).ShouldBe(HttpStatusCode.OK);

        // Proof that PostgreSQL, not a file on this machine, holds the keys: without them a new instance cannot read the cookie.
        List<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> keys;
        await using (var db = Database.CreateContext())
        {
            keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
            keys.ShouldNotBeEmpty();
            await db.DataProtectionKeys.ExecuteDeleteAsync();
        }

        try
        {
            await using var third = App.WithWebHostBuilder(_ => { });
            (await FrontDeskWithAsync(third, cookie)).ShouldBe(HttpStatusCode.Redirect);
        }
        finally
        {
            await using var db = Database.CreateContext();
            await db.DataProtectionKeys.ExecuteDeleteAsync();
            db.DataProtectionKeys.AddRange(keys.Select(k => new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = k.FriendlyName, Xml = k.Xml }));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Signing_out_on_one_instance_ends_the_session_on_the_other_at_once()
    {
        await using var first = App.WithWebHostBuilder(_ => { });
        await using var second = App.WithWebHostBuilder(_ => { });
        string key;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = "desk.everywhere@clinic.test", Email = "desk.everywhere@clinic.test", EmailConfirmed = true, DisplayName = "Desk" };
            (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, Roles.FrontDesk);
            key = await AccountFlows.TurnOnTwoFactorAsync(users, user);
        }

        using var session = new WebSession(first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var cookie = ServerSessionTests.AuthCookie(await AccountFlows.SignInWithCodeAsync(session, "desk.everywhere@clinic.test", key));
        (await FrontDeskWithAsync(second, cookie)).ShouldBe(HttpStatusCode.OK);

        var page = await session.GetAsync("/front-desk");
        (await session.SubmitAsync(page, new Dictionary<string, string>(), "/account/sign-out")).Location.ShouldBe("/");

        (await FrontDeskWithAsync(second, cookie)).ShouldBe(HttpStatusCode.Redirect, "the other instance refuses it at once: the session is gone from PostgreSQL");
        (await FrontDeskWithAsync(first, cookie)).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_stored_encrypted_and_only_instances_given_it_accept_the_sign_in()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"microspa-keys-{Guid.NewGuid():N}.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=MicroSpa test keys", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "s3cret"));
        }

        await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk, "desk.keys@clinic.test", twoFactor: false);
        string key;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            key = await AccountFlows.TurnOnTwoFactorAsync(users, (await users.FindByEmailAsync("desk.keys@clinic.test"))!);
        }

        // A clinic that turns encryption on starts a new key ring (the old keys stay readable until they expire).
        List<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> before;
        await using (var db = Database.CreateContext())
        {
            before = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
            await db.DataProtectionKeys.ExecuteDeleteAsync();
        }

        try
        {
            WebApplicationFactory<Program> WithCertificate() => App.WithWebHostBuilder(b => b
                .UseSetting("DataProtection:CertificatePath", pfx).UseSetting("DataProtection:CertificatePassword", "s3cret"));
            await using var first = WithCertificate();
            await using var second = WithCertificate();
            var session = new WebSession(first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
            var signedIn = await AccountFlows.SignInWithCodeAsync(session, "desk.keys@clinic.test", key);
            var cookie = signedIn.SetCookies.Single(c => c.StartsWith("microspa.auth=", StringComparison.Ordinal)).Split(';')[0];

            await using (var db = Database.CreateContext())
            {
                var stored = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
                stored.ShouldNotBeEmpty();
                stored.ShouldAllBe(xml => xml.Contains("encryptedSecret") && !xml.Contains("<masterKey"));
            }

            (await FrontDeskWithAsync(first, cookie)).ShouldBe(HttpStatusCode.OK);
            (await FrontDeskWithAsync(second, cookie)).ShouldBe(HttpStatusCode.OK);

            // A copy of the database without the certificate cannot read the keys, so cannot honour (or forge) the cookie.
            await using var without = App.WithWebHostBuilder(_ => { });
            (await FrontDeskWithAsync(without, cookie)).ShouldBe(HttpStatusCode.Redirect);
        }
        finally
        {
            File.Delete(pfx);
            await using var db = Database.CreateContext();
            await db.DataProtectionKeys.ExecuteDeleteAsync();
            db.DataProtectionKeys.AddRange(before.Select(k => new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = k.FriendlyName, Xml = k.Xml }));
            await db.SaveChangesAsync();
        }
    }
}
