import { makeStyles } from '@material-ui/core/styles';

/** One style sheet for the details' parts, so they share its class names. */
export const useDetailsStyles = makeStyles(theme => ({
  finding: {
    display: 'grid',
    gridTemplateColumns: 'minmax(120px, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  section: {
    marginTop: theme.spacing(2),
  },
}));
