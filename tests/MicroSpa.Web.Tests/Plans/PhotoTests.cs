using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Plans;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Plans;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace MicroSpa.Web.Tests.Plans;

public sealed class PhotoTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Secret = "GPS-47.6062N-122.3321W-SECRET";

    private sealed record Setup(TestClinic Clinic, Guid ChartId, WebSession Maya);

    private async Task<Setup> ChartAsync(bool photoConsent = true)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await using (var db = Database.CreateContext())
        {
            var form = await db.ConsentForms.OrderByDescending(f => f.Version).FirstAsync();
            var client = await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id);
            var signature = ConsentSignature.Sign(client, form, "Test Client", photoConsent, DateTimeOffset.UtcNow, "127.0.0.1", "tests");
            db.ConsentSignatures.Add(signature);
            var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            saved.RecordCheckInConsent(signature, TestClinic.By);
            await db.SaveChangesAsync();
        }

        var email = $"maya.{Guid.NewGuid():N}@clinic.test";
        var maya = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician, email);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
            await using var db = Database.CreateContext();
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user!.Id);
            await db.SaveChangesAsync();
        }

        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        var opened = await maya.SubmitAsync(day, new Dictionary<string, string>(), $"/provider/appointments/{appointment.Id}/chart");
        return new Setup(clinic, Guid.Parse(opened.Location!.Split('/')[^1]), maya);
    }

    /// <summary>A real JPEG with an APP1 (EXIF) segment carrying a made-up location.</summary>
    private static byte[] JpegWithLocation(int width = 40, int height = 30)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(200, 120, 90));
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var payload = Encoding.ASCII.GetBytes("Exif\0\0" + Secret);
        var length = payload.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF), .. payload, .. jpeg[2..]];
    }

    private static async Task<Page> UploadAsync(WebSession session, Setup s, byte[] bytes, string fileName, Guid? areaId = null, string kind = "Before")
    {
        var chart = await session.GetAsync($"/provider/charts/{s.ChartId}");
        var token = chart.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent((areaId ?? s.Clinic.Cheeks.Id).ToString()), "areaId" },
            { new StringContent(kind), "kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/provider/charts/{s.ChartId}/photos") { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        return await Page.ReadAsync(await session.Client.SendAsync(request));
    }

    [Fact]
    public async Task An_uploaded_photo_is_stored_without_its_metadata_and_shown_only_to_clinicians_and_its_client()
    {
        var s = await ChartAsync();
        using var maya = s.Maya;
        var original = JpegWithLocation();
        Encoding.ASCII.GetString(original).ShouldContain(Secret);

        var uploaded = await UploadAsync(maya, s, original, "cheek.jpg");

        uploaded.Location.ShouldBe($"/provider/charts/{s.ChartId}");
        (await maya.FollowAsync(uploaded)).Text.ShouldContain("Photo saved (its metadata removed).");
        await using var db = Database.CreateContext();
        var photo = await db.Photos.SingleAsync();
        var stored = (await db.PhotoContents.SingleAsync()).Bytes;
        Encoding.ASCII.GetString(stored).ShouldNotContain(Secret);
        SKBitmap.Decode(stored).Width.ShouldBe(40);

        var served = await maya.Client.GetAsync($"/photos/{photo.Id}");
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(stored);

        var (other, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Eve", "Other");
        (await other.Client.GetAsync($"/photos/{photo.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        // The front desk has no business with photos: it is turned away before any photo is looked up.
        (await desk.GetAsync($"/photos/{photo.Id}")).Location!.ShouldContain("/account/access-denied");
        (await NewSession().Client.GetAsync($"/photos/{photo.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await db.AuditEntries.CountAsync(a => a.Action == PhotoFile.ViewAction)).ShouldBe(1);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_a_file_too_large_and_a_visit_without_photo_consent_are_refused()
    {
        var s = await ChartAsync();
        using var maya = s.Maya;

        var text = await UploadAsync(maya, s, Encoding.UTF8.GetBytes("not a picture at all"), "looks-like.jpg");
        (await maya.FollowAsync(text)).Text.ShouldContain("Only JPEG or PNG photos (this file is neither, whatever its name).");
        var huge = new byte[Photo.MaxBytes + 1];
        huge[0] = 0xFF; huge[1] = 0xD8; huge[2] = 0xFF;
        var tooLarge = await UploadAsync(maya, s, huge, "huge.jpg");
        (await maya.FollowAsync(tooLarge)).Text.ShouldContain("A photo is at most 10 MB.");
        var otherArea = await UploadAsync(maya, s, JpegWithLocation(), "x.jpg", Guid.NewGuid());
        (await maya.FollowAsync(otherArea)).Text.ShouldContain("Choose an area of this session.");

        await using var db = Database.CreateContext();
        (await db.Photos.CountAsync()).ShouldBe(0);
        (await db.PhotoContents.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Without_photo_consent_no_photo_is_taken()
    {
        var s = await ChartAsync(photoConsent: false);
        using var maya = s.Maya;

        var refused = await UploadAsync(maya, s, JpegWithLocation(), "cheek.jpg");

        (await maya.FollowAsync(refused)).Text.ShouldContain("The client has not agreed to photos for this visit.");
        await using var db = Database.CreateContext();
        (await db.Photos.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Two_photos_of_one_area_are_compared_side_by_side()
    {
        var s = await ChartAsync();
        using var maya = s.Maya;
        await UploadAsync(maya, s, JpegWithLocation(), "before.jpg");
        await UploadAsync(maya, s, JpegWithLocation(60, 40), "after.jpg", kind: "After");
        await using var db = Database.CreateContext();
        var ids = await db.Photos.OrderBy(p => p.TakenAt).Select(p => p.Id).ToListAsync();

        var compare = await maya.GetAsync($"/photos/compare?left={ids[0]}&right={ids[1]}");

        compare.Status.ShouldBe(HttpStatusCode.OK);
        compare.Document.QuerySelectorAll(".compare img").Length.ShouldBe(2);
        (await maya.GetAsync($"/photos/compare?left={ids[0]}&right={Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A PNG whose header declares width × height (a valid IHDR chunk), followed by bytes no decoder can read: a bomb's header without its body.</summary>
    private static byte[] PngBomb(int width, int height)
    {
        byte[] ihdr = [(byte)'I', (byte)'H', (byte)'D', (byte)'R', .. BigEndian(width), .. BigEndian(height), 8, 6, 0, 0, 0];
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. ihdr, .. BigEndian((int)Crc32(ihdr)), .. Enumerable.Repeat((byte)0x5A, 17_500)];
    }

    /// <summary>A JPEG whose start-of-frame declares width × height, then no scan at all.</summary>
    private static byte[] JpegBomb(int width, int height) =>
        [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            .. Enumerable.Repeat((byte)0x5A, 17_500)];

    private static bool Opens(byte[] bytes)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        return codec is not null;
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public async Task A_png_or_jpeg_declaring_an_enormous_image_is_refused_from_its_header_and_nothing_is_stored()
    {
        var s = await ChartAsync();
        using var maya = s.Maya;
        var png = PngBomb(12_000, 12_000);
        var jpeg = JpegBomb(30_000, 30_000);
        // Skia cannot even open them (nothing past their headers parses): the refusal below can only come from reading the header.
        Opens(png).ShouldBeFalse();
        Opens(jpeg).ShouldBeFalse();
        PhotoImages.DeclaredSize(png).ShouldBe((12_000, 12_000));
        PhotoImages.DeclaredSize(jpeg).ShouldBe((30_000, 30_000));

        (await maya.FollowAsync(await UploadAsync(maya, s, png, "bomb.png"))).Text.ShouldContain("This photo is 12,000 × 12,000 pixels (144 megapixels). Photos of at most 40 megapixels are accepted");
        (await maya.FollowAsync(await UploadAsync(maya, s, jpeg, "bomb.jpg"))).Text.ShouldContain("This photo is 30,000 × 30,000 pixels (900 megapixels).");
        // Within the limit by its header but still no image: refused as one.
        (await maya.FollowAsync(await UploadAsync(maya, s, PngBomb(4_000, 3_000), "broken.png"))).Text.ShouldContain(PhotoImages.NotAnImage);
        await using var db = Database.CreateContext();
        (await db.Photos.CountAsync()).ShouldBe(0);
        (await db.PhotoContents.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_large_photo_is_stored_scaled_down_to_the_stored_size()
    {
        var s = await ChartAsync();
        using var maya = s.Maya;

        (await UploadAsync(maya, s, JpegWithLocation(4_000, 3_000), "camera.jpg")).Location.ShouldBe($"/provider/charts/{s.ChartId}");
        using (var wide = new SKBitmap(6_000, 1_000))
        {
            wide.Erase(new SKColor(10, 200, 30));
            using var image = SKImage.FromBitmap(wide);
            (await UploadAsync(maya, s, image.Encode(SKEncodedImageFormat.Png, 100).ToArray(), "panorama.png", kind: "After")).Location.ShouldBe($"/provider/charts/{s.ChartId}");
        }

        await using var db = Database.CreateContext();
        var photos = await db.Photos.OrderBy(p => p.TakenAt).ToListAsync();
        photos.Select(p => (p.Width, p.Height)).ShouldBe([(2_560, 1_920), (2_560, 427)]);
        foreach (var photo in photos)
        {
            using var stored = SKBitmap.Decode((await db.PhotoContents.SingleAsync(c => c.PhotoId == photo.Id)).Bytes);
            (stored.Width, stored.Height).ShouldBe((photo.Width, photo.Height));
        }
    }
}
