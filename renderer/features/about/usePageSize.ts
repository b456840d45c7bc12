// How many rows of a list fit the height its container is given: the list then pages instead of scrolling.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Measures the container and its tallest row and answers how many rows fit (at least one). Without
 * ResizeObserver (tests) it keeps `initial`.
 */
export function usePageSize(container: RefObject<HTMLElement | null>, rowSelector: string, initial = 4): number {
  const [size, setSize] = useState(initial);
  // The tallest row ever seen: judging by the rows of the current page alone, a page of short rows would
  // ask for more rows, whose taller ones would then ask for fewer, back and forth.
  const tallestSeen = useRef(0);
  useLayoutEffect(() => {
    const element = container.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const rows = [...element.querySelectorAll<HTMLElement>(rowSelector)];
      const tallest = Math.max(tallestSeen.current, ...rows.map((row) => row.getBoundingClientRect().height));
      if (tallest <= 0) return;
      tallestSeen.current = tallest;
      const fit = Math.max(1, Math.floor(element.clientHeight / tallest));
      setSize((current) => (current === fit ? current : fit));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  });
  return size;
}
