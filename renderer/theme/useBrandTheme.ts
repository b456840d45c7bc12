// Puts the brand on screen: its tokens as CSS custom properties on <html> for the theme in force, and its own font files as font faces.
import { useLayoutEffect, useEffect, useMemo } from 'react';
import type { ThemeMode } from '../../shared/brand/colorTokens';
import { brandCssVariables } from '../../shared/brand/cssVariables';
import type { ActiveBrand, BrandFontFile } from '../../shared/state/brandSlice';

/** On <html>, so the page background, portals and the loading screen all take the brand's tokens. */
export function useBrandTheme(brand: ActiveBrand, theme: ThemeMode): void {
  const variables = useMemo(() => brandCssVariables(brand, theme), [brand, theme]);
  useLayoutEffect(() => {
    const root = document.documentElement;
    for (const [name, value] of Object.entries(variables)) root.style.setProperty(name, value);
    root.dataset.brand = brand.id;
    // The browser's own widgets (scroll bars, form controls) follow the theme as well.
    root.style.colorScheme = theme === 'night' ? 'dark' : 'light';
  }, [variables, theme, brand.id]);
  usePackFonts(brand.fontFiles);
}

/** A pack's own faces, loaded from the app's origin (the CSP allows fonts only from 'self'). */
function usePackFonts(files: readonly BrandFontFile[]): void {
  useEffect(() => {
    // Test environments without the CSS Font Loading API simply keep the bundled faces.
    if (typeof FontFace === 'undefined' || !document.fonts || files.length === 0) return;
    const faces = files.map((f) => new FontFace(f.family, `url("${f.url}")`, { weight: String(f.weight), style: f.style }));
    for (const face of faces) {
      document.fonts.add(face);
      // A face that fails to load leaves the stack's next face in charge: nothing to do but not crash.
      face.load().catch(() => undefined);
    }
    return () => {
      for (const face of faces) document.fonts.delete(face);
    };
  }, [files]);
}
