namespace MicroSpa.Data.Identity;

/// <summary>The roles of MicroSpa. Every person has exactly one.</summary>
public static class Roles
{
    public const string Client = "Client";
    public const string FrontDesk = "FrontDesk";
    public const string Esthetician = "Esthetician";
    public const string Nurse = "Nurse";
    public const string MedicalDirector = "MedicalDirector";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Client, FrontDesk, Esthetician, Nurse, MedicalDirector, Admin];

    public static readonly IReadOnlyList<string> Staff = [FrontDesk, Esthetician, Nurse, MedicalDirector, Admin];

    /// <summary>Roles whose holders treat clients and have a provider record.</summary>
    public static readonly IReadOnlyList<string> Clinical = [Esthetician, Nurse, MedicalDirector];
}
