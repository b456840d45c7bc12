// Vitest setup for renderer tests: DOM matchers.
import '@testing-library/jest-dom/vitest';
