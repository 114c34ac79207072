// The assembly is named "houqin" but its resources are embedded under the root namespace "Houqin";
// without this, IStringLocalizer<T> looks for "houqin.Resources…" and silently falls back to the keys.
[assembly: Microsoft.Extensions.Localization.RootNamespace("Houqin")]
