namespace Houqin.Features.Account;

/// <summary>Marker for the Account module's strings (Resources/Features.Account.AccountText*.resx).</summary>
public sealed class AccountText;
