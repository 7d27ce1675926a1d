import { type ButtonHTMLAttributes, type ReactNode, type Ref, useState } from 'react';
import { Link, type LinkProps } from 'react-router-dom';
import { cx } from './class-names';
import { Spinner } from './spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

const base =
  'inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 aria-busy:cursor-wait whitespace-nowrap';
const variants: Record<ButtonVariant, string> = {
  primary: 'bg-brand-700 text-white shadow-sm hover:bg-brand-800',
  secondary: 'border border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50',
  ghost: 'text-slate-700 hover:bg-slate-100',
  danger: 'bg-rose-700 text-white shadow-sm hover:bg-rose-800',
};
// 44 px tall on md: a comfortable touch target on phones.
const sizes: Record<ButtonSize, string> = { sm: 'h-9 px-3 text-sm', md: 'h-11 px-4 text-sm' };

export function buttonClasses(variant: ButtonVariant = 'primary', size: ButtonSize = 'md', className?: string): string {
  return cx(base, variants[variant], sizes[size], className);
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  ref?: Ref<HTMLButtonElement>;
  variant?: ButtonVariant;
  size?: ButtonSize;
  loading?: boolean;
  icon?: ReactNode;
}

/**
 * A button that never throws the keyboard focus away. A natively `disabled` button loses the focus (it goes to the
 * page), so someone who saved with the keyboard would land back at the top. So while it is `loading`, and while it is
 * `disabled` but still has the focus (a form's Save once there is nothing left to save), it is only `aria-disabled`:
 * focusable, announced as unavailable, its clicks (and so a form's Enter-submission) cancelled. Once the focus moves
 * on, a disabled button is natively disabled again and leaves the tab order.
 */
export function Button({ variant, size, loading = false, icon, className, children, disabled = false, type = 'button', onClick, onFocus, onBlur, ...props }: ButtonProps) {
  const [focused, setFocused] = useState(false);
  const inactive = loading || disabled;
  return (
    <button
      type={type}
      className={buttonClasses(variant, size, className)}
      disabled={disabled && !focused && !loading}
      aria-disabled={inactive || undefined}
      aria-busy={loading || undefined}
      onClick={inactive ? (event) => event.preventDefault() : onClick}
      onFocus={(event) => {
        setFocused(true);
        onFocus?.(event);
      }}
      onBlur={(event) => {
        setFocused(false);
        onBlur?.(event);
      }}
      {...props}
    >
      {loading ? <Spinner className="size-4" /> : icon}
      {children}
    </button>
  );
}

interface ButtonLinkProps extends LinkProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

export function ButtonLink({ variant = 'secondary', size, className, ...props }: ButtonLinkProps) {
  return <Link className={buttonClasses(variant, size, className)} {...props} />;
}
