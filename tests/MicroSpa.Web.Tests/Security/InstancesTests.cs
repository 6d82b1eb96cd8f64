using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Tests.Accounts;
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
}
