using System.Net;
using System.Text.Json;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Home;

/// <summary>The clinic on a phone's home screen: an icon, a manifest, and HEAD answered as GET (issue 22).</summary>
public sealed class SiteIconTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task The_favicon_is_an_icon_file_with_png_images_inside()
    {
        using var session = NewSession();

        using var response = await session.Client.GetAsync("/favicon.ico");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/x-icon");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..4].ShouldBe(new byte[] { 0, 0, 1, 0 });
        BitConverter.ToUInt16(bytes, 4).ShouldBe((ushort)3);
        var firstImage = BitConverter.ToInt32(bytes, 6 + 12);
        bytes[(firstImage + 1)..(firstImage + 4)].ShouldBe("PNG"u8.ToArray());
    }

    [Fact]
    public async Task Every_page_links_the_icons_and_the_manifest()
    {
        await TestClinic.CreateAsync(Database);
        using var session = NewSession();

        var page = await session.GetAsync("/book");

        page.Document.QuerySelector("link[rel=icon]")!.GetAttribute("href").ShouldBe("/favicon.ico");
        page.Document.QuerySelector("link[rel=apple-touch-icon]")!.GetAttribute("href").ShouldBe("/icons/icon-180.png");
        page.Document.QuerySelector("link[rel=manifest]")!.GetAttribute("href").ShouldBe("/manifest.webmanifest");
        page.Document.QuerySelector("meta[name=theme-color]")!.GetAttribute("content").ShouldBe("#7b3f61");
    }

    [Fact]
    public async Task The_manifest_names_the_clinic_opens_the_menu_standalone_and_every_icon_it_lists_exists()
    {
        using var session = NewSession();

        using var response = await session.Client.GetAsync("/manifest.webmanifest");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/manifest+json");
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        root.GetProperty("name").GetString().ShouldBe("MicroSpa Clinic");
        root.GetProperty("short_name").GetString()!.Length.ShouldBeLessThanOrEqualTo(12);
        root.GetProperty("start_url").GetString().ShouldBe("/");
        root.GetProperty("display").GetString().ShouldBe("standalone");
        root.GetProperty("theme_color").GetString().ShouldBe("#7b3f61");
        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        icons.Select(i => i.GetProperty("sizes").GetString()).ShouldContain("192x192");
        icons.Select(i => i.GetProperty("sizes").GetString()).ShouldContain("512x512");
        foreach (var icon in icons)
        {
            using var image = await session.Client.GetAsync(icon.GetProperty("src").GetString());
            image.StatusCode.ShouldBe(HttpStatusCode.OK);
            image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            var bytes = await image.Content.ReadAsByteArrayAsync();
            var side = icon.GetProperty("sizes").GetString()!.Split('x')[0];
            // The PNG's own header (IHDR width) says the size the manifest claims.
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(side);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/book")]
    [InlineData("/account/sign-in")]
    [InlineData("/manifest.webmanifest")]
    [InlineData("/favicon.ico")]
    public async Task Head_answers_like_get_without_a_body(string url)
    {
        await TestClinic.CreateAsync(Database);
        using var session = NewSession();

        using var get = await session.Client.GetAsync(url);
        using var head = await session.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentType?.MediaType.ShouldBe(get.Content.Headers.ContentType?.MediaType);
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Head_of_a_page_behind_a_sign_in_runs_nothing_signed_in_or_not()
    {
        using var session = NewSession();
        using var anonymous = await session.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/my/appointments"));
        anonymous.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        anonymous.Content.Headers.Allow.ShouldBe(["GET"]);

        // A client's download manager asking HEAD of their records with their cookies: no archive made, no audit row,
        // nothing counted against the hourly limit.
        var (client, _) = await MicroSpa.Web.Tests.Booking.BookingFlows.SignedInClientAsync(App, Database, NewSession);
        using var records = await client.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/my/records.zip"));
        records.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        await using (var db = Database.CreateContext())
        {
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries, e => e.Action == MicroSpa.Web.Features.ClientRecords.RecordsDownload.AuditAction)).ShouldBe(0);
        }

        (await client.Client.GetAsync("/my/appointments")).StatusCode.ShouldBe(HttpStatusCode.OK, "GET still works");
    }
}
