/**
 * The button look, for <button>s and for links that act as buttons (the app's navigation is
 * links: the URL is the state). `disabled` is for look-alikes that cannot be pressed.
 */
export type ButtonVariant = 'primary' | 'secondary';

export function buttonClass({
  variant = 'primary',
  disabled = false,
  className,
}: { variant?: ButtonVariant; disabled?: boolean; className?: string } = {}): string {
  return ['button', variant === 'secondary' && 'button-secondary', disabled && 'button-disabled', className].filter(Boolean).join(' ');
}
