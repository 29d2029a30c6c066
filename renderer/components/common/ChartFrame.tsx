/**
 * The frame every chart sits in: a heading, the plot (announced as one image with a spoken summary, since
 * the numbers are also in the results table), a legend and a one-line caption in plain words.
 */
import { useId, type ReactNode } from 'react';
import { SavePngButton } from '../reports/SavePngButton';

interface Props {
  readonly title: string;
  /** what the chart means, in one sentence */
  readonly caption: ReactNode;
  /** a spoken summary of what the chart shows */
  readonly summary: string;
  readonly testId: string;
  readonly legend?: ReactNode;
  readonly children: ReactNode;
  readonly size?: 'normal' | 'small' | 'auto';
  readonly extra?: Readonly<Record<`data-${string}`, string | number>>;
}

export function ChartFrame({
  title,
  caption,
  summary,
  testId,
  legend,
  children,
  size = 'normal',
  extra,
}: Props) {
  const id = useId();
  return (
    <figure className={`chart chart-${size}`} data-testid={testId} aria-labelledby={`${id}-title`} {...extra}>
      <div className="chart-head">
        <h3 className="chart-title" id={`${id}-title`}>
          {title}
        </h3>
        <SavePngButton title={title} />
      </div>
      <div className="chart-plot" role="img" aria-label={summary}>
        {children}
      </div>
      {legend}
      <figcaption className="chart-caption">{caption}</figcaption>
    </figure>
  );
}
