// The map's colours, read from the brand's design tokens (CSS custom properties) so canvas shapes follow the theme like the rest of the screen.

export interface MapColours {
  water: string;
  waterEdge: string;
  border: string;
  route: string;
  car: string;
  free: string;
  busy: string;
  unreachable: string;
  selected: string;
  surface: string;
}

/** The tokens in force on `el` (day or night). */
export function readMapColours(el: Element): MapColours {
  const style = getComputedStyle(el);
  const token = (name: string) => style.getPropertyValue(`--cabin-color-${name}`).trim() || 'currentColor';
  return {
    water: token('surface-raised'),
    waterEdge: token('border'),
    border: token('text-muted'),
    route: token('accent'),
    car: token('accent'),
    free: token('success'),
    busy: token('warning'),
    unreachable: token('text-muted'),
    selected: token('focus'),
    surface: token('surface'),
  };
}
