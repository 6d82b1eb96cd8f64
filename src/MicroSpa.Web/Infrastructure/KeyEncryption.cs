using System.Security.Cryptography.X509Certificates;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// The certificate that encrypts the Data Protection keys stored in PostgreSQL (they sign the sign-in and
/// antiforgery cookies). Optional: without it the keys are stored as Data Protection writes them, readable by
/// anyone who can read the database or a backup of it. Every instance must be given the same certificate.
/// </summary>
public static class KeyEncryption
{
    public const string PathKey = "DataProtection:CertificatePath";
    public const string PasswordKey = "DataProtection:CertificatePassword";

    public static X509Certificate2? Certificate(IConfiguration configuration)
    {
        var path = configuration[PathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{PathKey} names a file that does not exist: {path}");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordKey], X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate in {PathKey} has no private key; the keys could be written but never read.");
        }

        return certificate;
    }
}
